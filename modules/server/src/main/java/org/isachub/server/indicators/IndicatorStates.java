package org.isachub.server.indicators;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.isachub.wire.avro.IndicatorState;
import org.jspecify.annotations.Nullable;

/**
 * The current state of every indicator by canonical key, updated as the indicators topic changes: a
 * newer record replaces the state, a tombstone removes it. Memory is one full state per key.
 *
 * <p>Thread-safe: one writer, any number of readers.
 */
public final class IndicatorStates {

  private final Map<String, IndicatorState> byKey = new ConcurrentHashMap<>();

  /** Creates an empty map. */
  public IndicatorStates() {}

  /**
   * Applies one record of the indicators topic.
   *
   * @param key the canonical key
   * @param state the state, or null for a tombstone
   */
  public void apply(String key, @Nullable IndicatorState state) {
    if (state == null) {
      byKey.remove(key);
    } else {
      byKey.put(key, state);
    }
  }

  /**
   * The current state of an indicator.
   *
   * @param key the canonical key
   * @return the state, or empty when the key is unknown
   */
  public Optional<IndicatorState> get(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /**
   * How many indicators are held.
   *
   * @return the number of keys
   */
  public int size() {
    return byKey.size();
  }
}

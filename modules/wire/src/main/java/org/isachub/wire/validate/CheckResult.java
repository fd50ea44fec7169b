package org.isachub.wire.validate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking one record: accepted (with the normalised pattern the hub publishes for
 * its key) or rejected with a stable code and a sentence.
 *
 * @param code null when accepted; else a stable code such as {@code wire.key-mismatch}
 * @param reason null when accepted; else what was wrong, naming the object and property
 * @param pattern when accepted: the hub's normalised pattern for the key (empty for sightings)
 */
public record CheckResult(@Nullable String code, @Nullable String reason, String pattern) {

  /**
   * An accepted record.
   *
   * @param pattern the normalised pattern, or empty
   * @return the result
   */
  public static CheckResult ok(String pattern) {
    return new CheckResult(null, null, pattern);
  }

  /**
   * A rejected record.
   *
   * @param code stable code
   * @param reason the sentence
   * @return the result
   */
  public static CheckResult rejected(String code, String reason) {
    return new CheckResult(Objects.requireNonNull(code), Objects.requireNonNull(reason), "");
  }

  /**
   * Tells whether the record was accepted.
   *
   * @return true when there is no rejection code
   */
  public boolean accepted() {
    return code == null;
  }
}

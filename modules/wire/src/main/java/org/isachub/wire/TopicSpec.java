package org.isachub.wire;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the hub: its name, the serdes of its keys and values, and how it is laid out and
 * kept.
 *
 * @param name the topic name
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param partitions partitions on a single node; clusters may scale it (see {@link TopicCatalogue})
 * @param cleanup {@code delete}, {@code compact}, or both
 * @param retention how long records are kept; {@link Duration#ZERO} keeps them forever
 * @param configs further topic settings, on top of cleanup and retention
 * @param doc what the topic carries
 * @param <K> key type
 * @param <V> value type
 */
public record TopicSpec<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Cleanup cleanup,
    Duration retention,
    Map<String, String> configs,
    String doc) {

  /** How a topic is cleaned up. */
  public enum Cleanup {
    /** Old segments are deleted after the retention. */
    DELETE("delete"),
    /** Only the latest record per key is kept. */
    COMPACT("compact"),
    /** Compacted, and also deleted after the retention. */
    COMPACT_DELETE("compact,delete");

    private final String policy;

    Cleanup(String policy) {
      this.policy = policy;
    }

    /**
     * The value of Kafka's {@code cleanup.policy}.
     *
     * @return e.g. {@code compact}
     */
    public String policy() {
      return policy;
    }
  }

  /** Checks the values and copies the settings. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be at least 1");
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException(name + ": retention must not be negative");
    }
    configs = Map.copyOf(configs);
  }

  /**
   * Every topic setting the hub manages: cleanup policy, retention and the extra settings.
   *
   * @return settings by Kafka topic-config name
   */
  public Map<String, String> topicConfigs() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.policy());
    if (cleanup != Cleanup.COMPACT) {
      all.put(
          TopicConfig.RETENTION_MS_CONFIG,
          retention.isZero() ? "-1" : Long.toString(retention.toMillis()));
    }
    all.putAll(configs);
    return all;
  }
}

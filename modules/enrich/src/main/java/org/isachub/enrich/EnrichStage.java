package org.isachub.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.isachub.wire.streams.StageStreams;
import org.jspecify.annotations.Nullable;

/**
 * Runs the enrich topology: builds its Streams settings, starts it, and stops it. The lifecycle is
 * kept apart from {@link EnrichTopology} so the topology can be tested on its own.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
public final class EnrichStage implements AutoCloseable {

  private final EnrichConfig config;
  private final Map<String, Object> kafka;
  private final Path dataDir;
  private final MeterRegistry registry;
  private @Nullable KafkaStreams streams;

  /**
   * Creates the stage.
   *
   * @param config the stage configuration
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param dataDir the hub's data directory, for the default state directory
   * @param registry where the stage's metrics go
   */
  public EnrichStage(
      EnrichConfig config, Map<String, Object> kafka, Path dataDir, MeterRegistry registry) {
    this.config = config;
    this.kafka = Map.copyOf(kafka);
    this.dataDir = dataDir;
    this.registry = registry;
  }

  /**
   * The Kafka Streams settings of the stage.
   *
   * @return the settings
   */
  public Properties streamsProperties() {
    return StageStreams.properties(
        "enrich",
        kafka,
        config.getString(EnrichConfig.APPLICATION_ID_CONFIG),
        config.stateDir(dataDir),
        config.getInt(EnrichConfig.THREADS_CONFIG),
        config.getLong(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG));
  }

  /** Starts the topology and waits until it is running (or fails). */
  public void start() {
    streams =
        StageStreams.start(
            "enrich",
            EnrichTopology.build(config, EnrichTopology.warninglists(config), registry),
            streamsProperties(),
            Duration.ofSeconds(60));
  }

  /**
   * The running Streams instance, for health and metrics.
   *
   * @return the instance, or null before start
   */
  public @Nullable KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    KafkaStreams s = streams;
    streams = null;
    if (s != null) {
      s.close(Duration.ofSeconds(30));
    }
  }
}

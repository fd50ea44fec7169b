package org.isachub.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.isachub.wire.streams.DeadLetterExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich topology: builds its Streams settings, starts it, and stops it. The lifecycle is
 * kept apart from {@link EnrichTopology} so the topology can be tested on its own.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
public final class EnrichStage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichStage.class);

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
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(
        StreamsConfig.APPLICATION_ID_CONFIG, config.getString(EnrichConfig.APPLICATION_ID_CONFIG));
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir(dataDir).toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(EnrichConfig.THREADS_CONFIG));
    // Exactly once: an accepted submission changes the indicator state exactly once, even across
    // crashes and rebalances.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    long commitMs = config.getLong(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
    // A transaction stays open for a commit interval; its timeout must outlast it.
    p.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) Math.max(10_000, commitMs + 10_000));
    // Names of stores and internal topics are part of the contract with existing changelogs.
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Undecodable records and unexpected failures become dead letters; the stage keeps going.
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterExceptionHandler.class);
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(DeadLetterExceptionHandler.STAGE_CONFIG, "enrich");
    // The hub's topics are created from the catalogue; a new log starts from the beginning.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    p.put(StreamsConfig.CLIENT_ID_CONFIG, "isachub-enrich-" + ProcessHandle.current().pid());
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /** Starts the topology and waits until it is running (or fails). */
  public void start() {
    KafkaStreams s =
        new KafkaStreams(
            EnrichTopology.build(config, EnrichTopology.warninglists(config), registry),
            streamsProperties());
    s.setUncaughtExceptionHandler(
        e -> {
          LOG.error("event=enrich-thread-failed reason={}", e.toString(), e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams = s;
    s.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (s.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      if (s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("enrich stage stopped while starting: " + s.state());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the enrich stage", e);
      }
    }
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

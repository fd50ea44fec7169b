package org.isachub.wire.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams settings and start-up every stage of the hub shares: exactly-once v2, named
 * internal resources, dead letters instead of stops, and a start that waits for RUNNING.
 */
public final class StageStreams {

  private static final Logger LOG = LoggerFactory.getLogger(StageStreams.class);

  private StageStreams() {}

  /**
   * The Streams settings of a stage.
   *
   * @param stage the stage name, e.g. {@code enrich}: names clients and dead letters
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param applicationId the Streams application id
   * @param stateDir where RocksDB state lives
   * @param threads stream threads in this process
   * @param commitMs the commit interval
   * @return the settings
   */
  public static Properties properties(
      String stage,
      Map<String, Object> kafka,
      String applicationId,
      Path stateDir,
      int threads,
      long commitMs) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    // Exactly once: every input changes the stage's state and output exactly once, even across
    // crashes and rebalances.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
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
    p.put(DeadLetterExceptionHandler.STAGE_CONFIG, stage);
    // The hub's topics are created from the catalogue; a new log starts from the beginning.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    p.put(StreamsConfig.CLIENT_ID_CONFIG, "isachub-" + stage + "-" + ProcessHandle.current().pid());
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /**
   * Starts a stage's topology, replacing a failed stream thread rather than stopping, and waits
   * until it runs.
   *
   * @param stage the stage name, for logs and errors
   * @param topology the topology
   * @param properties its settings
   * @param timeout how long to wait for RUNNING
   * @return the started instance (still starting if the timeout passed)
   * @throws IllegalStateException if it stops while starting, or the wait is interrupted
   */
  public static KafkaStreams start(
      String stage, Topology topology, Properties properties, Duration timeout) {
    KafkaStreams s = new KafkaStreams(topology, properties);
    s.setUncaughtExceptionHandler(
        e -> {
          LOG.error("event=stream-thread-failed stage={} reason={}", stage, e.toString(), e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    s.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (s.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      if (s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING) {
        KafkaStreams.State state = s.state();
        s.close(Duration.ofSeconds(5));
        throw new IllegalStateException(stage + " stage stopped while starting: " + state);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.close(Duration.ofSeconds(5));
        throw new IllegalStateException("interrupted while starting the " + stage + " stage", e);
      }
    }
    return s;
  }
}

package org.isachub.ingest.index;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Contribution;
import org.isachub.wire.avro.IndicatorState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indicator ids to canonical keys, kept current by reading the compacted {@code isac.indicators.v1}
 * from its beginning on a thread of its own: the hub's id of every indicator ({@code
 * IndicatorState.indicator_id}) and the ids its sources used ({@code contributions.object_id}).
 * Undecodable records are skipped (enrich dead-letters its own output problems).
 *
 * <p>Thread-safe: lookups may come from any thread while the index is being fed.
 */
public final class IndicatorIdIndex implements IndicatorIndex, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorIdIndex.class);

  private final Map<String, String> keyById = new ConcurrentHashMap<>();
  // Only the feeding thread touches this: which ids a key put in, to drop them on change.
  private final Map<String, Set<String>> idsByKey = new HashMap<>();
  private final Consumer<String, IndicatorState> consumer;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean started;

  /**
   * Creates the index; call {@link #start()} to begin feeding it.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the consumer's client id
   */
  public IndicatorIdIndex(Map<String, Object> kafka, String clientId) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // The index is rebuilt from the compacted topic on every start: no group, no commits.
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Enrich writes in exactly-once transactions; aborted states must not be indexed.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer =
        new KafkaConsumer<>(
            p, new StringDeserializer(), Topics.INDICATORS.valueSerde().deserializer());
    this.thread = new Thread(this::feed, "isachub-ingest-indicator-index");
    thread.setDaemon(true);
  }

  /** Starts feeding the index in the background. */
  public void start() {
    started = true;
    thread.start();
  }

  /**
   * Waits until the index has read everything that was on the topic when it started.
   *
   * @param timeout how long to wait
   * @return true when caught up
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<String> keyOf(String indicatorId) {
    return Optional.ofNullable(keyById.get(indicatorId));
  }

  /** Returns how many ids the index holds. */
  public int size() {
    return keyById.size();
  }

  private void feed() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INDICATORS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        poll();
        if (caughtUp.getCount() > 0
            && partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
          caughtUp.countDown();
          LOG.info("event=indicator-index-ready ids={}", keyById.size());
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      LOG.error("event=indicator-index-failed reason={}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void poll() {
    // A record that does not decode poisons only itself: skip past it.
    try {
      for (ConsumerRecord<String, IndicatorState> r : consumer.poll(Duration.ofMillis(200))) {
        apply(r.key(), r.value());
      }
    } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
      LOG.warn("event=indicator-index-skip partition={} offset={}", e.topicPartition(), e.offset());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void apply(String key, IndicatorState state) {
    Set<String> old = idsByKey.remove(key);
    if (old != null) {
      old.forEach(id -> keyById.remove(id, key));
    }
    if (state == null) {
      return;
    }
    Set<String> ids = new java.util.HashSet<>();
    ids.add(state.getIndicatorId());
    for (Contribution c : state.getContributions()) {
      ids.add(c.getObjectId());
    }
    ids.forEach(id -> keyById.put(id, key));
    idsByKey.put(key, ids);
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.isachub.distribute.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.isachub.distribute.DistributeMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, finds the consumer groups that read members' feed topics and publishes, per
 * member and group, how many committed records the group has not consumed yet ({@link
 * DistributeMetrics#FEED_LAG_RECORDS}) and how old the oldest of them is ({@link
 * DistributeMetrics#FEED_LAG_SECONDS}). Gauges of groups that stop reading a feed are removed.
 *
 * <p>The age is read from the record at the group's committed offset with one short seek per
 * partition not at its end, so one round costs one admin listing, one offset query per group and
 * one bounded fetch (at most two seconds) per such partition. A group whose committed offset is
 * followed only by transaction markers counts as caught up. The record count is the distance in
 * offsets, so it includes the markers among the waiting records.
 *
 * <p>Start once, close once; {@link #refresh()} is not safe to call while the monitor runs.
 */
public final class FeedLagMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedLagMonitor.class);
  private static final Pattern FEED_TOPIC =
      Pattern.compile("isac\\.feed\\.([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\\.v1");
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SEEK_POLL = Duration.ofMillis(50);
  private static final Duration SEEK_BOUND = Duration.ofSeconds(2);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> peeker;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration interval;
  private final Map<Key, Lag> lags = new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService timer;

  /** One member's feed as read by one group. */
  private record Key(String member, String group) {}

  /** The values behind one pair of gauges. */
  private record Lag(AtomicLong records, AtomicLong millis, List<Meter> meters) {}

  /**
   * Creates the monitor; nothing runs until {@link #start()}.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId prefix of the client ids of its admin client and consumer
   * @param interval how often the lag is measured
   * @param registry where the gauges go
   * @param clock the time the ages are measured against
   */
  public FeedLagMonitor(
      Map<String, Object> kafka,
      String clientId,
      Duration interval,
      MeterRegistry registry,
      Clock clock) {
    Map<String, Object> adminSettings = new HashMap<>(kafka);
    adminSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-admin");
    this.admin = Admin.create(adminSettings);
    Map<String, Object> consumer = new HashMap<>(kafka);
    consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-peek");
    // Only the oldest unconsumed record's timestamp is wanted: one record per fetch.
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    // Consumers of feeds read committed; an aborted record is not something they wait for.
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // No group: the peeker only seeks, it must never commit or join anything.
    consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.peeker =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.registry = registry;
    this.clock = clock;
    this.interval = interval;
  }

  /** Measures every interval on a daemon thread, the first time at once. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "isachub-feed-lag");
              thread.setDaemon(true);
              return thread;
            });
    t.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    timer = t;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("event=feed-lag-failed reason={}", e.toString());
    }
  }

  /**
   * Measures once and updates the gauges.
   *
   * @throws InterruptedException if interrupted while waiting for Kafka
   * @throws ExecutionException if Kafka refused the group listing
   * @throws TimeoutException if Kafka did not answer in time
   */
  public void refresh() throws InterruptedException, ExecutionException, TimeoutException {
    Map<Key, Map<TopicPartition, Long>> committed = new HashMap<>();
    Set<TopicPartition> feedPartitions = new HashSet<>();
    for (GroupListing group :
        admin.listGroups().all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      if (group.type().map(t -> t == GroupType.SHARE).orElse(false)) {
        continue; // share groups have no offsets to compare
      }
      Map<TopicPartition, OffsetAndMetadata> offsets;
      try {
        offsets =
            admin
                .listConsumerGroupOffsets(group.groupId())
                .partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        LOG.debug("event=feed-lag-group-skipped group={} reason={}", group.groupId(), e.toString());
        continue;
      }
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
        Matcher m = FEED_TOPIC.matcher(e.getKey().topic());
        if (e.getValue() == null || !m.matches()) {
          continue;
        }
        committed
            .computeIfAbsent(new Key(m.group(1), group.groupId()), k -> new HashMap<>())
            .put(e.getKey(), e.getValue().offset());
        feedPartitions.add(e.getKey());
      }
    }
    Map<TopicPartition, Long> ends = endOffsets(feedPartitions);
    long now = clock.millis();
    for (Map.Entry<Key, Map<TopicPartition, Long>> e : committed.entrySet()) {
      long records = 0;
      long oldest = Long.MAX_VALUE;
      for (Map.Entry<TopicPartition, Long> p : e.getValue().entrySet()) {
        long end = ends.getOrDefault(p.getKey(), p.getValue());
        if (end <= p.getValue()) {
          continue;
        }
        // Offsets between the position and the end may be only transaction markers: a group is
        // behind when a committed record is waiting for it.
        long at = timestampAt(p.getKey(), p.getValue(), end);
        if (at >= 0) {
          records += end - p.getValue();
          oldest = Math.min(oldest, at);
        }
      }
      long millis = oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest);
      Lag lag = lags.computeIfAbsent(e.getKey(), this::register);
      lag.records().set(records);
      lag.millis().set(millis);
    }
    for (Key gone : new ArrayList<>(lags.keySet())) {
      if (!committed.containsKey(gone)) {
        Lag lag = lags.remove(gone);
        if (lag != null) {
          lag.meters().forEach(registry::remove);
        }
      }
    }
  }

  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin
        .listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * The timestamp of the first committed record at or after an offset and before the end; -1 when
   * there is none (only transaction markers) or none came back within the bound.
   */
  private long timestampAt(TopicPartition tp, long offset, long end) {
    peeker.assign(List.of(tp));
    peeker.seek(tp, offset);
    long deadline = System.nanoTime() + SEEK_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : peeker.poll(SEEK_POLL)) {
        return r.offset() < end ? r.timestamp() : -1;
      }
      if (peeker.position(tp) >= end) {
        return -1; // skipped past markers to the end: nothing waits
      }
    }
    return -1;
  }

  private Lag register(Key key) {
    AtomicLong records = new AtomicLong();
    AtomicLong millis = new AtomicLong();
    Gauge recordsGauge =
        Gauge.builder(DistributeMetrics.FEED_LAG_RECORDS, records, AtomicLong::doubleValue)
            .description("Feed records a member's consumer group has not consumed yet")
            .tag("member", key.member())
            .tag("consumer", key.group())
            .register(registry);
    Gauge secondsGauge =
        Gauge.builder(DistributeMetrics.FEED_LAG_SECONDS, millis, m -> m.get() / 1000.0)
            .description("Seconds since the oldest feed entry a consumer group has not consumed")
            .baseUnit("seconds")
            .tag("member", key.member())
            .tag("consumer", key.group())
            .register(registry);
    return new Lag(records, millis, List.of(recordsGauge, secondsGauge));
  }

  /** Stops measuring, removes the gauges and closes the clients. Safe to call twice. */
  @Override
  public synchronized void close() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lags.values().forEach(l -> l.meters().forEach(registry::remove));
    lags.clear();
    peeker.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}

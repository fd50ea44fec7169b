package org.isachub.server.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the topics a predicate selects, from the beginning, with {@code
 * read_committed}, and hands each record to a handler on one background thread. The topic list is
 * looked up again at a fixed interval, so topics created later (a new member's feed) are followed.
 *
 * <p>It becomes {@linkplain #isReady() ready} once it has read to the end offsets it found at its
 * first lookup. No consumer group: every server process keeps its own full replica.
 *
 * <p>Thread-safe: one thread writes, any number read.
 */
public final class TopicReplica implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReplica.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Map<String, Object> settings;
  private final Predicate<String> topics;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final Consumer<TopicPartition> onRemoved;
  private final long refreshNanos;
  private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;

  /**
   * Creates a replica that is not yet reading.
   *
   * @param name a short name for logs and the thread, e.g. {@code blocklists}
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the consumer's {@code client.id}
   * @param topics selects the topics to read
   * @param refresh how often to look for new topics
   * @param handler applies one record; must not throw
   * @param onRemoved forgets what was read from a partition whose topic was deleted; must not throw
   */
  public TopicReplica(
      String name,
      Map<String, Object> kafka,
      String clientId,
      Predicate<String> topics,
      Duration refresh,
      Consumer<ConsumerRecord<byte[], byte[]>> handler,
      Consumer<TopicPartition> onRemoved) {
    this.name = name;
    Map<String, Object> s = new HashMap<>(kafka);
    s.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // Assigned partitions and no group: each process reads everything into its own memory.
    s.remove(ConsumerConfig.GROUP_ID_CONFIG);
    s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    s.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Feeds and states are written in transactions: never serve what was aborted.
    s.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    s.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    s.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.settings = s;
    this.topics = topics;
    this.handler = handler;
    this.onRemoved = onRemoved;
    this.refreshNanos = refresh.toNanos();
    this.thread = new Thread(this::run, "isachub-replica-" + name);
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading in the background; returns at once.
   *
   * @return this replica
   */
  public TopicReplica start() {
    thread.start();
    return this;
  }

  /**
   * Tells whether the replica has read to the end offsets it found at its first lookup.
   *
   * @return true once caught up and still reading
   */
  public boolean isReady() {
    return ready.getCount() == 0 && thread.isAlive();
  }

  /**
   * Waits until a record written at a known offset has been applied.
   *
   * @param topic the topic written
   * @param partition the partition written
   * @param offset the record's offset
   * @param timeout how long to wait
   * @return true if applied, false if the time ran out
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitApplied(String topic, int partition, long offset, Duration timeout)
      throws InterruptedException {
    TopicPartition tp = new TopicPartition(topic, partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(tp, -1L) <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.isAlive()) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
    return true;
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings)) {
      consumer = c;
      Set<TopicPartition> assigned = new HashSet<>();
      @Nullable Map<TopicPartition, Long> targets = null;
      long nextRefresh = System.nanoTime();
      while (running) {
        if (System.nanoTime() - nextRefresh >= 0) {
          nextRefresh = System.nanoTime() + refreshNanos;
          Set<TopicPartition> found = lookup(c);
          if (found != null && !found.equals(assigned)) {
            Set<TopicPartition> fresh = new HashSet<>(found);
            fresh.removeAll(assigned);
            Set<TopicPartition> gone = new HashSet<>(assigned);
            gone.removeAll(found);
            c.assign(found);
            c.seekToBeginning(fresh);
            // A deleted topic (a removed member's feed) must not keep serving; should it come
            // back, it is read again from the beginning.
            for (TopicPartition tp : gone) {
              applied.remove(tp);
              onRemoved.accept(tp);
            }
            assigned = found;
            LOG.info(
                "event=replica-assigned replica={} partitions={} new={} removed={}",
                name,
                found.size(),
                fresh.size(),
                gone.size());
          }
          if (targets == null && found != null) {
            targets = c.endOffsets(found);
          }
        }
        if (assigned.isEmpty()) {
          markReady(targets, Map.of());
          Thread.sleep(POLL.toMillis());
          continue;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = c.poll(POLL);
        } catch (RecordDeserializationException e) {
          // Cannot happen with byte arrays, but poison input must never stop the replica.
          c.seek(e.topicPartition(), e.offset() + 1);
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          handler.accept(r);
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : assigned) {
          positions.put(tp, c.position(tp));
        }
        synchronized (progress) {
          applied.putAll(positions);
          progress.notifyAll();
        }
        markReady(targets, positions);
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("event=replica-failed replica={} error={}", name, e.toString(), e);
    } finally {
      consumer = null;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void markReady(
      @Nullable Map<TopicPartition, Long> targets, Map<TopicPartition, Long> positions) {
    if (targets == null || ready.getCount() == 0) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
      if (positions.getOrDefault(t.getKey(), 0L) < t.getValue()) {
        return;
      }
    }
    LOG.info("event=replica-ready replica={} partitions={}", name, targets.size());
    ready.countDown();
  }

  private @Nullable Set<TopicPartition> lookup(KafkaConsumer<byte[], byte[]> c) {
    try {
      Map<String, List<PartitionInfo>> all = c.listTopics(METADATA_TIMEOUT);
      Set<TopicPartition> out = new HashSet<>();
      for (Map.Entry<String, List<PartitionInfo>> e : all.entrySet()) {
        if (!topics.test(e.getKey())) {
          continue;
        }
        for (PartitionInfo info : e.getValue()) {
          out.add(new TopicPartition(e.getKey(), info.partition()));
        }
      }
      return out;
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // Keep what we have; try again at the next refresh.
      LOG.warn("event=replica-metadata-retry replica={} error={}", name, e.toString());
      return null;
    }
  }

  /** Stops the reader thread and closes its consumer. Safe to call twice. */
  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.isachub.server.taxii;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.isachub.server.ApiError;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.FeedEntry;
import org.jspecify.annotations.Nullable;

/**
 * Reads pages of a member's feed with a small pool of read-committed consumers: one seek (to an
 * offset, or to a time through {@code offsetsForTimes}) and as many fetches as the page needs. No
 * consumer group, no per-member state: any page costs the same.
 */
final class FeedReader implements AutoCloseable {

  /** One feed record with its position and the time it was added. */
  record Entry(long offset, long timestamp, FeedEntry value) {}

  /**
   * A page.
   *
   * @param entries the matching entries, in feed order
   * @param next the offset the next page starts at
   * @param more whether the feed holds records at or after {@code next}
   */
  record Page(List<Entry> entries, long next, boolean more) {}

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private final Map<String, Object> kafka;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<KafkaConsumer<String, FeedEntry>> idle =
      new ConcurrentLinkedQueue<>();

  FeedReader(Map<String, Object> kafka, int size) {
    this.kafka = Map.copyOf(kafka);
    this.permits = new Semaphore(size);
  }

  /**
   * Reads up to {@code limit} matching entries from {@code start} (an offset) or, when {@code
   * after} is given, from the first record added after that time. The page never ends inside a run
   * of matching records that share one timestamp (unless the run alone fills it), so a client that
   * pages by {@code added_after} with the last date added misses nothing.
   */
  Page read(
      String memberId, long start, @Nullable Long afterMillis, int limit, Predicate<Entry> match) {
    TopicSpec<String, FeedEntry> spec = Topics.feed(memberId);
    KafkaConsumer<String, FeedEntry> consumer = borrow();
    boolean healthy = false;
    try {
      Page page = read(consumer, spec.name(), start, afterMillis, limit, match);
      healthy = true;
      return page;
    } finally {
      giveBack(consumer, healthy);
    }
  }

  private static Page read(
      KafkaConsumer<String, FeedEntry> consumer,
      String topic,
      long start,
      @Nullable Long afterMillis,
      int limit,
      Predicate<Entry> match) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, DEADLINE);
    if (partitions == null || partitions.isEmpty()) {
      // No feed yet: nothing was ever delivered to this member.
      return new Page(List.of(), 0, false);
    }
    TopicPartition tp = new TopicPartition(topic, 0);
    consumer.assign(Set.of(tp));
    // Under read_committed this is the last stable offset: nothing beyond it may be shown.
    long end = consumer.endOffsets(Set.of(tp), DEADLINE).getOrDefault(tp, 0L);
    long from = start;
    if (afterMillis != null) {
      Map<TopicPartition, @Nullable OffsetAndTimestamp> found =
          consumer.offsetsForTimes(Map.of(tp, afterMillis + 1), DEADLINE);
      OffsetAndTimestamp at = found.get(tp);
      from = at == null ? end : at.offset();
    }
    if (from >= end) {
      return new Page(List.of(), Math.max(from, 0), false);
    }
    consumer.seek(tp, from);
    // One more match than asked for: it tells whether there is more and where the page must end.
    List<Entry> taken = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long position = from;
    outer:
    while (position < end) {
      for (ConsumerRecord<String, FeedEntry> r : consumer.poll(POLL)) {
        if (r.offset() >= end) {
          break outer;
        }
        position = r.offset() + 1;
        if (r.value() == null) {
          continue;
        }
        Entry e = new Entry(r.offset(), r.timestamp(), r.value());
        if (match.test(e)) {
          taken.add(e);
          if (taken.size() > limit) {
            break outer;
          }
        }
      }
      position = Math.max(position, consumer.position(tp));
      if (System.nanoTime() > deadline) {
        throw new ApiError(503, "the feed could not be read in time; retry shortly");
      }
    }
    if (taken.size() <= limit) {
      return new Page(taken, position, false);
    }
    Entry lookahead = taken.remove(limit);
    int cut = taken.size();
    while (cut > 0 && taken.get(cut - 1).timestamp() == lookahead.timestamp()) {
      cut--;
    }
    if (cut > 0 && cut < taken.size()) {
      List<Entry> page = new ArrayList<>(taken.subList(0, cut));
      return new Page(page, taken.get(cut).offset(), true);
    }
    return new Page(taken, lookahead.offset(), true);
  }

  private KafkaConsumer<String, FeedEntry> borrow() {
    try {
      if (!permits.tryAcquire(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ApiError(503, "all feed readers are busy; retry shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "interrupted; retry shortly");
    }
    KafkaConsumer<String, FeedEntry> c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return newConsumer();
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(KafkaConsumer<String, FeedEntry> consumer, boolean healthy) {
    if (healthy) {
      idle.add(consumer);
    } else {
      consumer.close(Duration.ofSeconds(1));
    }
    permits.release();
  }

  private KafkaConsumer<String, FeedEntry> newConsumer() {
    Map<String, Object> props = new HashMap<>(kafka);
    // Feeds are written in transactions: aborted or open entries must never be served.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Positions live in the client's cursor, not in a group.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // A page is usually served from one fetch; larger polls mean fewer round trips.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    TopicSpec<String, FeedEntry> any = Topics.feed("taxii");
    return new KafkaConsumer<>(
        props, any.keySerde().deserializer(), any.valueSerde().deserializer());
  }

  @Override
  public void close() {
    KafkaConsumer<String, FeedEntry> c;
    while ((c = idle.poll()) != null) {
      c.close(Duration.ofSeconds(1));
    }
  }
}

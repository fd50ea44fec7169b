package org.isachub.distribute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distribute stage's feed metrics, all named here: feed entries by member and operation,
 * matching time, subscriptions indexed, withdrawals, backfills, and the end-to-end latency from
 * publication to feed entry.
 *
 * <p>Thread-safe.
 */
public final class DistributeMetrics {

  /** Gauge: feed records a member's consumer group has not consumed, by member and consumer. */
  public static final String FEED_LAG_RECORDS = "isachub.distribute.feed.lag.records";

  /** Gauge: age in seconds of the oldest feed record a consumer group has not consumed. */
  public static final String FEED_LAG_SECONDS = "isachub.distribute.feed.lag.seconds";

  /** Timer: from an indicator's publication to each feed entry it caused. */
  public static final String PUBLISH_TO_FEED = "isachub.distribute.publish.to.feed";

  private final MeterRegistry registry;
  private final Timer matching;
  private final AtomicInteger indexed = new AtomicInteger();
  private final Counter backfilled;
  private final Timer publishToFeed;
  private final java.util.concurrent.ConcurrentMap<String, Counter> entries =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Registers the meters.
   *
   * @param registry where they live
   */
  public DistributeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.matching =
        Timer.builder("isachub.distribute.matching")
            .description("Time to match one indicator change against the subscriptions")
            .register(registry);
    registry.gauge("isachub.distribute.subscriptions.indexed", indexed);
    this.backfilled =
        Counter.builder("isachub.distribute.backfill.indicators")
            .description("Indicators re-evaluated because a member or subscription changed")
            .register(registry);
    this.publishToFeed =
        Timer.builder(PUBLISH_TO_FEED)
            .description(
                "End-to-end latency of each feed entry: from the publication time the indicator"
                    + " carries to the time the entry was emitted")
            .publishPercentileHistogram()
            .minimumExpectedValue(java.time.Duration.ofMillis(1))
            .maximumExpectedValue(java.time.Duration.ofHours(1))
            .register(registry);
  }

  /**
   * Records the end-to-end latency of one feed entry. A negative difference (clock skew between the
   * publisher and this stage) is recorded as zero, so the count still matches the entries.
   *
   * @param publishedAt when the indicator was published, as its record carries it
   * @param emittedAt when the feed entry was emitted
   */
  public void publishedToFeed(java.time.Instant publishedAt, java.time.Instant emittedAt) {
    long millis = Math.max(0, emittedAt.toEpochMilli() - publishedAt.toEpochMilli());
    publishToFeed.record(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Counts one feed entry.
   *
   * @param member the member
   * @param op UPSERT or WITHDRAW
   */
  public void entry(String member, String op) {
    entries
        .computeIfAbsent(
            member + "|" + op,
            k ->
                Counter.builder("isachub.distribute.feed.entries")
                    .description("Feed entries written, by member and operation")
                    .tag("member", member)
                    .tag("op", op)
                    .register(registry))
        .increment();
  }

  /**
   * Records the time one match took.
   *
   * @param nanos duration in nanoseconds
   */
  public void matched(long nanos) {
    matching.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Sets how many subscriptions the index holds.
   *
   * @param count the count
   */
  public void indexed(int count) {
    indexed.set(count);
  }

  /**
   * Counts indicators re-evaluated by a backfill.
   *
   * @param count how many
   */
  public void backfilled(long count) {
    backfilled.increment(count);
  }
}

package org.isachub.distribute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distribute stage's feed metrics, all named here: feed entries by member and operation,
 * matching time, subscriptions indexed, withdrawals, backfills.
 *
 * <p>Thread-safe.
 */
public final class DistributeMetrics {

  private final MeterRegistry registry;
  private final Timer matching;
  private final AtomicInteger indexed = new AtomicInteger();
  private final Counter backfilled;
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

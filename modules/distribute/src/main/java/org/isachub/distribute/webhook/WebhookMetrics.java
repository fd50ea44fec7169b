package org.isachub.distribute.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook pusher's metrics, all named here and tagged by {@code member}: attempts, successes,
 * failures (also by {@code cause}), entries delivered, entries dead-lettered, request time, and the
 * pusher's lag behind the end of the member's feed topic in records and in seconds.
 *
 * <p>Thread-safe.
 */
public final class WebhookMetrics {

  /** Prefix of every meter name. */
  public static final String PREFIX = "isachub.distribute.webhook.";

  /** Counter of POST attempts. */
  public static final String ATTEMPTS = PREFIX + "attempts";

  /** Counter of batches acknowledged with a 2xx. */
  public static final String SUCCESSES = PREFIX + "successes";

  /** Counter of failed attempts, tagged by cause. */
  public static final String FAILURES = PREFIX + "failures";

  /** Counter of feed entries delivered. */
  public static final String DELIVERED = PREFIX + "delivered.entries";

  /** Counter of feed entries written to the dead-letter topic. */
  public static final String DEAD_LETTERS = PREFIX + "dead.letters";

  /** Timer of POST attempts. */
  public static final String REQUEST_TIME = PREFIX + "request.time";

  /** Gauge: records between the next undelivered entry and the end of the feed topic. */
  public static final String LAG_RECORDS = PREFIX + "lag.records";

  /** Gauge: seconds since the oldest undelivered entry was written, 0 when none waits. */
  public static final String LAG_SECONDS = PREFIX + "lag.seconds";

  private final MeterRegistry registry;
  private final Map<String, Lag> lags = new ConcurrentHashMap<>();

  /** The lag of one member's pusher, read by the gauges. */
  private record Lag(AtomicLong records, AtomicLong millis, List<Meter> meters) {}

  /**
   * Creates the metrics.
   *
   * @param registry where they live
   */
  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts an attempt and its duration.
   *
   * @param member the member
   * @param nanos how long the attempt took
   */
  public void attempted(String member, long nanos) {
    Counter.builder(ATTEMPTS)
        .description("Webhook POST attempts")
        .tag("member", member)
        .register(registry)
        .increment();
    Timer.builder(REQUEST_TIME)
        .description("Time of one webhook POST attempt, connect to response")
        .tag("member", member)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Counts an acknowledged batch.
   *
   * @param member the member
   * @param entries entries in the batch
   */
  public void succeeded(String member, int entries) {
    Counter.builder(SUCCESSES)
        .description("Webhook batches acknowledged with a 2xx")
        .tag("member", member)
        .register(registry)
        .increment();
    Counter.builder(DELIVERED)
        .description("Feed entries delivered by webhook")
        .tag("member", member)
        .register(registry)
        .increment(entries);
  }

  /**
   * Counts a failed attempt.
   *
   * @param member the member
   * @param cause {@code http-status}, {@code timeout}, {@code connection}, {@code target-refused}
   *     or {@code protocol}
   */
  public void failed(String member, String cause) {
    Counter.builder(FAILURES)
        .description("Failed webhook attempts, by cause")
        .tag("member", member)
        .tag("cause", cause)
        .register(registry)
        .increment();
  }

  /**
   * Counts entries written to the dead-letter topic.
   *
   * @param member the member
   * @param entries how many
   */
  public void deadLettered(String member, int entries) {
    Counter.builder(DEAD_LETTERS)
        .description("Feed entries the webhook gave up on and dead-lettered")
        .tag("member", member)
        .register(registry)
        .increment(entries);
  }

  /**
   * Sets a member's lag.
   *
   * @param member the member
   * @param records records behind the end of its feed topic
   * @param millis milliseconds since the oldest undelivered entry was written, 0 if none
   */
  public void lag(String member, long records, long millis) {
    Lag lag = lags.computeIfAbsent(member, this::registerLag);
    lag.records().set(records);
    lag.millis().set(millis);
  }

  /**
   * Drops a member's lag gauges, when its pusher stops.
   *
   * @param member the member
   */
  public void forget(String member) {
    Lag lag = lags.remove(member);
    if (lag != null) {
      lag.meters().forEach(registry::remove);
    }
  }

  private Lag registerLag(String member) {
    AtomicLong records = new AtomicLong();
    AtomicLong millis = new AtomicLong();
    Gauge recordsGauge =
        Gauge.builder(LAG_RECORDS, records, AtomicLong::doubleValue)
            .description("Feed records the webhook pusher has not delivered yet")
            .tag("member", member)
            .register(registry);
    Gauge secondsGauge =
        Gauge.builder(LAG_SECONDS, millis, m -> m.get() / 1000.0)
            .description("Seconds since the oldest undelivered feed entry was written")
            .baseUnit("seconds")
            .tag("member", member)
            .register(registry);
    return new Lag(records, millis, List.of(recordsGauge, secondsGauge));
  }
}

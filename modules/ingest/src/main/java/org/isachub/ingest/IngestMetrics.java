package org.isachub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The ingest stage's metrics, all named here: objects by outcome and adapter, requests by outcome,
 * request latency until Kafka acknowledged, and TAXII pages polled.
 *
 * <p>Thread-safe.
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final Timer requestTime;

  /**
   * Registers the meters.
   *
   * @param registry where they live
   */
  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.requestTime =
        Timer.builder("isachub.ingest.request.duration")
            .description("Time from receiving a request to Kafka acknowledging all its writes")
            .register(registry);
  }

  /**
   * Counts objects of one adapter with one outcome (accepted, duplicate, rejected, context,
   * skipped).
   */
  public void objects(String adapter, String outcome, long n) {
    if (n > 0) {
      Counter.builder("isachub.ingest.objects")
          .description("Objects ingested, by adapter and outcome")
          .tag("adapter", adapter)
          .tag("outcome", outcome)
          .register(registry)
          .increment(n);
    }
  }

  /** Counts a request by outcome (ok, rejected, unavailable). */
  public void request(String adapter, String outcome, Duration took) {
    Counter.builder("isachub.ingest.requests")
        .description("Requests handled, by adapter and outcome")
        .tag("adapter", adapter)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (outcome.equals("ok")) {
      requestTime.record(took);
    }
  }

  /** Counts a TAXII page committed by a poller. */
  public void taxiiPage(String poller, int objects) {
    Counter.builder("isachub.ingest.taxii.pages")
        .description("TAXII pages committed, by poller")
        .tag("poller", poller)
        .register(registry)
        .increment();
    Counter.builder("isachub.ingest.taxii.objects")
        .description("Objects received in committed TAXII pages, by poller")
        .tag("poller", poller)
        .register(registry)
        .increment(objects);
  }
}

package org.isachub.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.jspecify.annotations.Nullable;

/**
 * The enrich stage's metrics, all named here: records in, merges, new indicators, suppressions,
 * expiries, revocations, dead letters, the score distribution and punctuator work.
 *
 * <p>Thread-safe.
 */
public final class EnrichMetrics {

  private final MeterRegistry registry;
  private final Counter recordsIn;
  private final Counter merges;
  private final Counter created;
  private final Counter emitted;
  private final Counter expired;
  private final Counter revoked;
  private final DistributionSummary scores;
  private final DistributionSummary punctuatorWork;

  /**
   * Registers the meters.
   *
   * @param registry where they live
   */
  public EnrichMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.recordsIn =
        Counter.builder("isachub.enrich.records.in")
            .description("Submissions and sightings read")
            .register(registry);
    this.merges =
        Counter.builder("isachub.enrich.merges")
            .description("Records merged into an existing indicator without a visible change")
            .register(registry);
    this.created =
        Counter.builder("isachub.enrich.indicators.new")
            .description("Indicators emitted for the first time")
            .register(registry);
    this.emitted =
        Counter.builder("isachub.enrich.states.emitted")
            .description("Indicator states written because something visible changed")
            .register(registry);
    this.expired =
        Counter.builder("isachub.enrich.expired")
            .description("Indicators that expired")
            .register(registry);
    this.revoked =
        Counter.builder("isachub.enrich.revoked")
            .description("Indicators revoked by every source")
            .register(registry);
    this.scores =
        DistributionSummary.builder("isachub.enrich.score")
            .description("Score (0-100) of each emitted state, as the AMBER tier sees it")
            .serviceLevelObjectives(10, 20, 40, 60, 80, 100)
            .register(registry);
    this.punctuatorWork =
        DistributionSummary.builder("isachub.enrich.punctuator.due")
            .description("Due indicators re-evaluated per punctuation")
            .register(registry);
  }

  /** Counts a record read. */
  public void recordIn() {
    recordsIn.increment();
  }

  /** Counts a merge that changed nothing visible. */
  public void merged() {
    merges.increment();
  }

  /**
   * Counts an emitted state and classifies it.
   *
   * @param previous the state before, or null for a new indicator
   * @param current the emitted state
   */
  public void emitted(@Nullable IndicatorState previous, IndicatorState current) {
    emitted.increment();
    if (previous == null || previous.getVersion() == 0) {
      created.increment();
    }
    Decision before = previous == null ? null : previous.getDecision();
    if (current.getDecision() != before) {
      switch (current.getDecision()) {
        case EXPIRED -> expired.increment();
        case REVOKED -> revoked.increment();
        case SUPPRESSED ->
            Counter.builder("isachub.enrich.suppressed")
                .description("Indicators suppressed by a warninglist")
                .tag("list", String.valueOf(current.getSuppressedBy()))
                .register(registry)
                .increment();
        default -> {}
      }
    }
    for (AudienceView view : current.getViews()) {
      if (view.getRecipient() == null && view.getTier().name().equals("AMBER")) {
        scores.record(view.getScore().getValue());
      }
    }
  }

  /**
   * Counts a dead-lettered record.
   *
   * @param reasonCode why
   */
  public void deadLettered(String reasonCode) {
    Counter.builder("isachub.enrich.deadletters")
        .description("Records the stage could not accept")
        .tag("reason", reasonCode)
        .register(registry)
        .increment();
  }

  /**
   * Records one punctuation's work.
   *
   * @param due how many indicators were due
   */
  public void punctuated(int due) {
    punctuatorWork.record(due);
  }
}

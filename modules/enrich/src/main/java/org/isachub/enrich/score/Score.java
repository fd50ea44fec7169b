package org.isachub.enrich.score;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A score with every component that produced it, so that anyone can reproduce the value.
 *
 * <p>{@code value = base · decayFactor}, {@code base = min(100, 100 · corroboration ·
 * sightingFactor · falsePositiveFactor)}, {@code corroboration = 1 − Π(1 − evidence_s)} and {@code
 * decayFactor = max(0, 1 − (t/lifetime)^(1/speed))} with {@code t = evaluatedAt − referenceTime}.
 *
 * @param modelVersion the scoring model, {@code v1}
 * @param evaluatedAt the instant the decay was evaluated at
 * @param observableType the observable type whose decay profile applies
 * @param evidence the evidence {@code r·c/100} of each distinct live source, highest first
 * @param corroboration {@code P}, the noisy-OR of the evidence
 * @param sightingMembers distinct members whose latest report is a sighting
 * @param sightingFactor the multiplier from those members
 * @param falsePositiveMembers distinct members whose latest report is a false positive
 * @param falsePositiveFactor the multiplier from those members
 * @param base {@code B} in [0, 100], the score before decay
 * @param referenceTime the latest last-seen of the live contributions and sightings; decay runs
 *     from here
 * @param lifetime {@code L} of the decay profile
 * @param speed {@code δ} of the decay profile
 * @param decayFactor the decay at {@code evaluatedAt}
 * @param value the final score in [0, 100]
 * @param validUntil the merged {@code valid_until} of the live contributions, or null for none
 */
public record Score(
    String modelVersion,
    Instant evaluatedAt,
    String observableType,
    List<Double> evidence,
    double corroboration,
    int sightingMembers,
    double sightingFactor,
    int falsePositiveMembers,
    double falsePositiveFactor,
    double base,
    Instant referenceTime,
    Duration lifetime,
    double speed,
    double decayFactor,
    double value,
    @Nullable Instant validUntil) {

  /** Copies the evidence list. */
  public Score {
    evidence = List.copyOf(evidence);
  }

  /** The decay profile this score decays along. */
  public DecayProfile decay() {
    return new DecayProfile(lifetime, speed);
  }

  /**
   * The value this score decays to at {@code at} (inputs unchanged): {@code base · f(at − ref)}.
   */
  public double valueAt(Instant at) {
    return base * decay().factor(referenceTime, at);
  }
}

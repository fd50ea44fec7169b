package org.isachub.enrich.score;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.jspecify.annotations.Nullable;

/**
 * Scoring model v1: computes {@link Score}s and the instant each score next crosses a threshold.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoringModel {

  /**
   * Bounds the millisecond nudging around a computed crossing; floating-point error is far less.
   */
  private static final int MAX_NUDGES = 1_000;

  private final ScoringConfig config;

  /** A model with the given parameters. */
  public ScoringModel(ScoringConfig config) {
    this.config = config;
  }

  /** The parameters of this model. */
  public ScoringConfig config() {
    return config;
  }

  /**
   * Scores the merged inputs of one indicator at {@code now}.
   *
   * <p>Withdrawn contributions add no evidence, no validity and no reference time; when every
   * contribution is withdrawn the base is 0 and decay runs from the latest last-seen of all of
   * them.
   *
   * @throws IllegalArgumentException when there are no contributions at all (sightings alone do not
   *     make an indicator)
   */
  public Score score(IndicatorInputs inputs, Instant now) {
    List<Contribution> contributions = inputs.contributions();
    if (contributions.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot score " + inputs.key() + ": it has no contributions");
    }
    List<Contribution> live = contributions.stream().filter(c -> !c.withdrawn()).toList();

    // The strongest live contribution of each source is that source's evidence: a source repeating
    // itself is not corroboration.
    Map<String, Double> bySource = new HashMap<>();
    for (Contribution c : live) {
      bySource.merge(c.sourceId(), evidence(c), Math::max);
    }
    List<Double> evidence = new ArrayList<>(bySource.values());
    evidence.sort(Comparator.reverseOrder());
    double disbelief = 1.0;
    for (double e : evidence) {
      disbelief *= 1.0 - e;
    }
    double corroboration = 1.0 - disbelief;

    MemberReports reports = MemberReports.of(inputs.sightings());
    double sightingFactor =
        1.0 + config.sightingBoost() * Math.min(reports.sighting, config.sightingCap());
    double falsePositiveFactor =
        Math.pow(1.0 - config.falsePositivePenalty(), reports.falsePositive);
    double base = Math.min(100.0, 100.0 * corroboration * sightingFactor * falsePositiveFactor);

    Instant reference = referenceTime(live.isEmpty() ? contributions : live, inputs.sightings());
    DecayProfile decay = config.decayFor(inputs.observableType());
    double decayFactor = decay.factor(reference, now);
    return new Score(
        ScoringConfig.MODEL_VERSION,
        now,
        inputs.observableType(),
        evidence,
        corroboration,
        reports.sighting,
        sightingFactor,
        reports.falsePositive,
        falsePositiveFactor,
        base,
        reference,
        decay.lifetime(),
        decay.speed(),
        decayFactor,
        base * decayFactor,
        validUntil(live));
  }

  /** The evidence {@code e = r·c/100} of one contribution under this configuration. */
  public double evidence(Contribution c) {
    double r = config.reliabilityByGrade().get(config.gradeFor(c.sourceId(), c.reliability()));
    return r * config.confidenceFor(c.sourceId(), c.confidence()) / 100.0;
  }

  /** The reliability {@code r} a contribution gets under this configuration. */
  public double reliability(Contribution c) {
    return config.reliabilityByGrade().get(config.gradeFor(c.sourceId(), c.reliability()));
  }

  /**
   * The next instant at which, inputs unchanged, the state of {@code score} changes on its own: the
   * decaying value falls below the bound of its current band or below the expiry floor, or its
   * {@code valid_until} arrives — whichever comes first.
   *
   * <p>The instant is solved from the decay formula ({@code t = L·(1 − T/B)^δ} for a threshold
   * {@code T}), then rounded up to the first whole millisecond at which the value is strictly below
   * {@code T}; the millisecond before it still has the current band.
   *
   * @return the instant, after {@code now}; empty when nothing will change any more (the score is
   *     already below the floor or past {@code valid_until}, or sits in the lowest band above a
   *     floor of 0 with no {@code valid_until})
   */
  public Optional<Instant> nextCrossing(Score score, Instant now) {
    Instant validUntil = score.validUntil();
    if (validUntil != null && !now.isBefore(validUntil)) {
      return Optional.empty();
    }
    double value = score.valueAt(now);
    if (value < config.expiryFloor()) {
      return Optional.empty();
    }
    double threshold = thresholdBelow(value);
    Instant crossing = threshold > 0 ? crossingOf(score, threshold, now) : null;
    if (validUntil != null && (crossing == null || validUntil.isBefore(crossing))) {
      return Optional.of(validUntil);
    }
    return Optional.ofNullable(crossing);
  }

  /** The band index of a score value under this configuration. */
  public int band(double value) {
    return config.bandOf(value);
  }

  /** Whether a score value is below the expiry floor. */
  public boolean belowFloor(double value) {
    return value < config.expiryFloor();
  }

  /**
   * Whether {@code current} is worth emitting after {@code previous}: there was none, the band
   * changed, or it crossed the expiry floor.
   */
  public boolean worthEmitting(@Nullable Score previous, Score current) {
    return previous == null
        || band(previous.value()) != band(current.value())
        || belowFloor(previous.value()) != belowFloor(current.value());
  }

  /** The highest band bound or floor at or below {@code value}, or 0 when there is none above 0. */
  private double thresholdBelow(double value) {
    double threshold = config.expiryFloor() <= value ? config.expiryFloor() : 0.0;
    for (double bound : config.bands()) {
      if (bound <= value && bound > threshold) {
        threshold = bound;
      }
    }
    return threshold;
  }

  private static Instant crossingOf(Score score, double threshold, Instant now) {
    double seconds = score.decay().secondsUntilFactor(threshold / score.base());
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    Instant exact = score.referenceTime().plusSeconds(whole).plusNanos(nanos);
    Instant floor = now.truncatedTo(ChronoUnit.MILLIS);
    Instant candidate = exact.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    if (!candidate.isAfter(now)) {
      candidate = floor.plusMillis(1);
    }
    // Rounding can put the solved instant a little off, and where the curve is flat the computed
    // value stays on the threshold for a while. Settle on the first whole millisecond after now at
    // which the computed value is below the threshold, so a timer firing there always sees the
    // change: gallop away from the solved instant, then bisect.
    Predicate<Instant> below = t -> t.isAfter(now) && score.valueAt(t) < threshold;
    Instant before;
    Instant after;
    if (below.test(candidate)) {
      after = candidate;
      before = candidate.minusMillis(1);
      for (long step = 2; below.test(before) && before.isAfter(floor); step *= 2) {
        after = before;
        before = candidate.minusMillis(step);
        if (before.isBefore(floor)) {
          before = floor;
        }
      }
    } else {
      before = candidate;
      after = candidate.plusMillis(1);
      for (long step = 2; !below.test(after); step *= 2) {
        before = after;
        after = candidate.plusMillis(step);
      }
    }
    while (Duration.between(before, after).toMillis() > 1) {
      Instant middle = before.plusMillis(Duration.between(before, after).toMillis() / 2);
      if (below.test(middle)) {
        after = middle;
      } else {
        before = middle;
      }
    }
    return after;
  }

  private static Instant referenceTime(List<Contribution> contributions, List<Sighting> sightings) {
    Instant reference = contributions.get(0).lastSeen();
    for (Contribution c : contributions) {
      if (c.lastSeen().isAfter(reference)) {
        reference = c.lastSeen();
      }
    }
    for (Sighting s : sightings) {
      if (!s.falsePositive() && s.lastSeen().isAfter(reference)) {
        reference = s.lastSeen();
      }
    }
    return reference;
  }

  /** No limit if any live contribution has none; otherwise the latest one. */
  private static @Nullable Instant validUntil(List<Contribution> live) {
    Instant latest = null;
    for (Contribution c : live) {
      Instant v = c.validUntil();
      if (v == null) {
        return null;
      }
      if (latest == null || v.isAfter(latest)) {
        latest = v;
      }
    }
    return latest;
  }

  /** Distinct members by their latest report; on a tie the false-positive report wins. */
  private record MemberReports(int sighting, int falsePositive) {
    static MemberReports of(List<Sighting> sightings) {
      Map<String, Sighting> latest = new HashMap<>();
      for (Sighting s : sightings) {
        latest.merge(s.memberId(), s, MemberReports::later);
      }
      int positive = 0;
      int negative = 0;
      for (Sighting s : latest.values()) {
        if (s.falsePositive()) {
          negative++;
        } else {
          positive++;
        }
      }
      return new MemberReports(positive, negative);
    }

    private static Sighting later(Sighting a, Sighting b) {
      int order = a.lastSeen().compareTo(b.lastSeen());
      if (order != 0) {
        return order > 0 ? a : b;
      }
      return a.falsePositive() ? a : b;
    }
  }
}

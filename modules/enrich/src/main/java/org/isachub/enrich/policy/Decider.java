package org.isachub.enrich.policy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.score.Score;
import org.isachub.enrich.score.ScoringConfig;

/**
 * Decides whether an indicator is active, suppressed, expired or revoked.
 *
 * <p>The rules apply in this order, the first that holds wins: REVOKED when every contribution is
 * withdrawn; SUPPRESSED when a warninglist matches the key; EXPIRED when {@code valid_until} is at
 * or before now, or the score at now is below the expiry floor; ACTIVE otherwise. Immutable and
 * thread-safe.
 */
public final class Decider {

  private final ScoringConfig config;

  /** A decider using the expiry floor of {@code config}. */
  public Decider(ScoringConfig config) {
    this.config = config;
  }

  /**
   * Decides for the given contributions, their score, the time and the warninglist match.
   *
   * @param contributions the contributions the score was computed from (withdrawn ones included)
   * @param score the score of those contributions
   * @param now the decision time; the score is re-evaluated at it
   * @param warninglistHit the name of the warninglist the key matches, if any
   * @throws IllegalArgumentException when there are no contributions
   */
  public Decision decide(
      List<Contribution> contributions, Score score, Instant now, Optional<String> warninglistHit) {
    if (contributions.isEmpty()) {
      throw new IllegalArgumentException("cannot decide on an indicator with no contributions");
    }
    if (contributions.stream().allMatch(Contribution::withdrawn)) {
      return Decision.revoked();
    }
    if (warninglistHit.isPresent()) {
      return Decision.suppressed(warninglistHit.get());
    }
    Instant validUntil = score.validUntil();
    if (validUntil != null && !now.isBefore(validUntil)) {
      return Decision.expired("valid_until " + validUntil + " passed");
    }
    double value = score.valueAt(now);
    if (value < config.expiryFloor()) {
      return Decision.expired(
          "score " + format(value) + " below floor " + format(config.expiryFloor()));
    }
    return Decision.active("score " + format(value));
  }

  private static String format(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}

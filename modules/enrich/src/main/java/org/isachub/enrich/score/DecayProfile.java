package org.isachub.enrich.score;

import java.time.Duration;
import java.time.Instant;

/**
 * The polynomial decay of one observable type: {@code f(t) = max(0, 1 − (t/L)^(1/δ))}.
 *
 * <p>A speed {@code δ} above 1 drops the score fast at first and then slowly (addresses go stale
 * quickly); below 1 keeps it high for longer and drops it steeply near the end; 1 is linear. At
 * {@code t = L} the factor reaches 0.
 *
 * @param lifetime {@code L}, the age at which the score has decayed to zero; positive
 * @param speed {@code δ}, the shape of the curve; positive and finite
 */
public record DecayProfile(Duration lifetime, double speed) {

  /** Validates the lifetime and speed. */
  public DecayProfile {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("decay lifetime must be positive, got " + lifetime);
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException(
          "decay speed must be a positive finite number, got " + speed);
    }
  }

  /** A profile of {@code days} days and speed {@code speed}. */
  public static DecayProfile ofDays(long days, double speed) {
    return new DecayProfile(Duration.ofDays(days), speed);
  }

  /** The lifetime in seconds, as a double. */
  double lifetimeSeconds() {
    return seconds(lifetime);
  }

  /**
   * The decay factor after {@code elapsed}: 1 for no (or negative) elapsed time, 0 from the
   * lifetime on.
   */
  public double factor(Duration elapsed) {
    double t = seconds(elapsed);
    if (t <= 0) {
      return 1.0;
    }
    double ratio = t / lifetimeSeconds();
    if (ratio >= 1) {
      return 0.0;
    }
    return Math.max(0.0, 1.0 - Math.pow(ratio, 1.0 / speed));
  }

  /** The factor at {@code at} for a curve that started at {@code reference}. */
  public double factor(Instant reference, Instant at) {
    return factor(Duration.between(reference, at));
  }

  /**
   * The elapsed seconds at which the factor equals {@code target} in (0, 1]: {@code L·(1 −
   * target)^δ}, the decay formula solved for {@code t}.
   */
  public double secondsUntilFactor(double target) {
    if (!(target > 0) || target > 1) {
      throw new IllegalArgumentException("target factor must be in (0, 1], got " + target);
    }
    return lifetimeSeconds() * Math.pow(1.0 - target, speed);
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}

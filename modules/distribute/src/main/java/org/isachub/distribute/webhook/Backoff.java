package org.isachub.distribute.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff between the attempts of one batch: the delay after the n-th failed attempt is
 * {@code min(max, initial × multiplier^(n-1))}, shortened by a random fraction of at most {@code
 * jitter}.
 *
 * @param initial delay after the first failure
 * @param max longest delay
 * @param multiplier growth factor per failure, at least 1
 * @param jitter largest fraction (0-1) taken off at random
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /** Checks the parameters. */
  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff " + max + " must not be shorter than the initial " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "backoff multiplier must be at least 1, was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("backoff jitter must be within 0-1, was " + jitter);
    }
  }

  /**
   * The delay after a number of failed attempts, before jitter.
   *
   * @param failedAttempts attempts failed so far, at least 1
   * @return the delay
   */
  public Duration nominal(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException(
          "failed attempts must be at least 1, was " + failedAttempts);
    }
    double millis = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1.0);
    // Past the cap the power may overflow to infinity; min() keeps it at max.
    return Duration.ofMillis((long) Math.min(max.toMillis(), millis));
  }

  /**
   * The delay after a number of failed attempts, with jitter.
   *
   * @param failedAttempts attempts failed so far, at least 1
   * @param random uniform numbers in [0, 1)
   * @return the delay, between {@code (1 - jitter) × nominal} and {@code nominal}
   */
  public Duration delay(int failedAttempts, DoubleSupplier random) {
    long nominal = nominal(failedAttempts).toMillis();
    return Duration.ofMillis(Math.round(nominal * (1.0 - jitter * random.getAsDouble())));
  }
}

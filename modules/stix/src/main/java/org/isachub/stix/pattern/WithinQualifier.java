package org.isachub.stix.pattern;

import java.math.BigDecimal;

/**
 * {@code WITHIN n SECONDS}: the qualified observations must all fall within this many seconds.
 *
 * @param seconds a positive number of seconds, without trailing zeros
 */
public record WithinQualifier(BigDecimal seconds) implements Qualifier {

  /** Strips trailing zeros so that {@code 300} and {@code 300.0} are equal. */
  public WithinQualifier {
    if (seconds.signum() <= 0) {
      throw new IllegalArgumentException("WITHIN needs a positive number of seconds");
    }
    seconds = Numbers.strip(seconds);
  }
}

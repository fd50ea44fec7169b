package org.isachub.stix.pattern;

import java.math.BigDecimal;

/**
 * A float constant such as {@code 7.0}, kept exact.
 *
 * @param value the value, without trailing zeros so that {@code 7.0} and {@code 7.00} are equal
 */
public record FloatConstant(BigDecimal value) implements Constant {

  /** Strips trailing zeros. */
  public FloatConstant {
    value = Numbers.strip(value);
  }
}

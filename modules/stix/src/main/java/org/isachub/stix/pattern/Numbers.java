package org.isachub.stix.pattern;

import java.math.BigDecimal;

/** Number helpers shared by the tree records. */
final class Numbers {
  private Numbers() {}

  /** Strips trailing zeros but never returns a negative scale, so that text stays plain. */
  static BigDecimal strip(BigDecimal value) {
    BigDecimal s = value.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}

package org.isachub.stix.validate;

import java.util.Optional;

/** Decides whether a STIX pattern is valid, for the validator's indicator checks. */
@FunctionalInterface
public interface PatternCheck {

  /**
   * Checks one STIX pattern.
   *
   * @param pattern the pattern text of an indicator with {@code pattern_type: stix}
   * @return the reason the pattern is rejected, or empty when it is valid
   */
  Optional<String> problem(String pattern);
}

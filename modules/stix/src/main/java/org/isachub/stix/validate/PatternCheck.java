package org.isachub.stix.validate;

import java.util.Optional;
import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;

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

  /**
   * The check the hub uses: the project's own STIX 2.1 pattern parser with its semantic checks.
   *
   * @return a check whose reasons carry the parser's line, column and reason
   */
  static PatternCheck stix() {
    return pattern -> {
      try {
        PatternParser.parse(pattern);
        return Optional.empty();
      } catch (PatternException e) {
        return Optional.of(e.getMessage() + " [" + e.code() + "]");
      }
    };
  }
}

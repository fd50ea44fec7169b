package org.isachub.stix.pattern;

import java.util.List;

/**
 * Observation expressions joined by {@code OR}: at least one must be matched.
 *
 * @param operands two or more operands, in source order
 */
public record ObservationOr(List<ObservationExpression> operands) implements ObservationExpression {

  /** Copies the operands and checks that there are at least two. */
  public ObservationOr {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("OR needs two or more operands");
    }
  }
}

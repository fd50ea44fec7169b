package org.isachub.stix.pattern;

import java.util.List;

/**
 * Observation expressions joined by {@code AND}: each must be matched.
 *
 * @param operands two or more operands, in source order
 */
public record ObservationAnd(List<ObservationExpression> operands)
    implements ObservationExpression {

  /** Copies the operands and checks that there are at least two. */
  public ObservationAnd {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("AND needs two or more operands");
    }
  }
}

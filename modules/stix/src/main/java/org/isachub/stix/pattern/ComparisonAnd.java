package org.isachub.stix.pattern;

import java.util.List;

/**
 * Comparison expressions joined by {@code AND}.
 *
 * @param operands two or more operands, in source order
 */
public record ComparisonAnd(List<ComparisonExpression> operands) implements ComparisonExpression {

  /** Copies the operands and checks that there are at least two. */
  public ComparisonAnd {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("AND needs two or more operands");
    }
  }
}

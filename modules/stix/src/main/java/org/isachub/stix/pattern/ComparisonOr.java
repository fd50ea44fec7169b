package org.isachub.stix.pattern;

import java.util.List;

/**
 * Comparison expressions joined by {@code OR}.
 *
 * @param operands two or more operands, in source order
 */
public record ComparisonOr(List<ComparisonExpression> operands) implements ComparisonExpression {

  /** Copies the operands and checks that there are at least two. */
  public ComparisonOr {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("OR needs two or more operands");
    }
  }
}

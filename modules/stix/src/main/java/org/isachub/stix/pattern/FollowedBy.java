package org.isachub.stix.pattern;

import java.util.List;

/**
 * Observation expressions joined by {@code FOLLOWEDBY}: each must be matched after the previous.
 *
 * <p>{@code A FOLLOWEDBY B FOLLOWEDBY C} is left-associative in the grammar and is represented as
 * one node with three operands.
 *
 * @param operands two or more operands, in temporal order
 */
public record FollowedBy(List<ObservationExpression> operands) implements ObservationExpression {

  /** Copies the operands and checks that there are at least two. */
  public FollowedBy {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("FOLLOWEDBY needs two or more operands");
    }
  }
}

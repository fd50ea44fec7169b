package org.isachub.stix.pattern;

import java.util.List;

/**
 * A set constant for {@code IN}, {@code ('a', 'b')}.
 *
 * @param elements the elements in source order; none is itself a set
 */
public record SetConstant(List<Constant> elements) implements Constant {

  /** Copies the elements and checks that none is a set. */
  public SetConstant {
    elements = List.copyOf(elements);
    for (Constant c : elements) {
      if (c instanceof SetConstant) {
        throw new IllegalArgumentException("sets do not nest");
      }
    }
  }
}

package org.isachub.stix.pattern;

import java.util.Locale;

/**
 * A hex constant, {@code h'ffd8'}.
 *
 * @param hex an even number of lower-case hex digits
 */
public record HexConstant(String hex) implements Constant {

  /** Lower-cases the digits. */
  public HexConstant {
    hex = hex.toLowerCase(Locale.ROOT);
  }
}

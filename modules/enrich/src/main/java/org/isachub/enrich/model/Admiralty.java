package org.isachub.enrich.model;

import java.util.Locale;

/**
 * The source-reliability grade of the Admiralty (NATO) system, A to F.
 *
 * <p>The numeric reliability each grade maps to is scoring configuration, not part of the grade.
 */
public enum Admiralty {
  /** Completely reliable. */
  A,
  /** Usually reliable. */
  B,
  /** Fairly reliable. */
  C,
  /** Not usually reliable. */
  D,
  /** Unreliable. */
  E,
  /** Reliability cannot be judged. */
  F;

  /**
   * Parses a grade letter, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value when it is not one of A to F
   */
  public static Admiralty parse(String letter) {
    String s = letter.strip().toUpperCase(Locale.ROOT);
    if (s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'F') {
      return valueOf(s);
    }
    throw new IllegalArgumentException(
        "not an Admiralty reliability grade: '" + letter + "' (expected one letter A to F)");
  }
}

package org.isachub.ingest.read;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A Traffic Light Protocol 2.0 level suggested by the input; the submitter's choice may override
 * it.
 */
public enum TlpHint {
  CLEAR,
  GREEN,
  AMBER,
  AMBER_STRICT,
  RED;

  /**
   * Parses a TLP level name as written in tags and configuration ({@code clear}, {@code white},
   * {@code green}, {@code amber}, {@code amber+strict}, {@code amber_strict}, {@code red}).
   *
   * @param name the level, case-insensitive; {@code white} is TLP 1.0's name for {@code clear}
   * @return the level, or {@code null} when the name is none of these
   */
  public static @Nullable TlpHint fromName(String name) {
    switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "clear":
      case "white":
        return CLEAR;
      case "green":
        return GREEN;
      case "amber":
        return AMBER;
      case "amber+strict":
      case "amber_strict":
      case "amber-strict":
        return AMBER_STRICT;
      case "red":
        return RED;
      default:
        return null;
    }
  }
}

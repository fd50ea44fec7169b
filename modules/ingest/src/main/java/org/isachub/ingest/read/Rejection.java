package org.isachub.ingest.read;

import java.util.Objects;

/**
 * One piece of input a reader refused, with a stable machine-readable code and a human reason.
 *
 * @param location where in the input, e.g. {@code line 17} or {@code attribute 5c1f…}
 * @param code a stable code from {@link RejectionCodes}, e.g. {@code csv.column-count}
 * @param reason what is wrong, in a sentence
 * @param excerpt the start of the offending input, at most {@value #MAX_EXCERPT} characters
 */
public record Rejection(String location, String code, String reason, String excerpt) {

  /** The longest excerpt a rejection carries. */
  public static final int MAX_EXCERPT = 200;

  /** Checks the fields and cuts the excerpt to {@value #MAX_EXCERPT} characters. */
  public Rejection {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    excerpt = cut(Objects.requireNonNull(excerpt, "excerpt"));
  }

  private static String cut(String s) {
    if (s.length() <= MAX_EXCERPT) {
      return s;
    }
    // Do not split a surrogate pair at the cut.
    int end = MAX_EXCERPT;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}

package org.isachub.stix.pattern;

/**
 * {@code REPEATS n TIMES}: the qualified expression must be matched this many times.
 *
 * @param times a positive count
 */
public record RepeatsQualifier(long times) implements Qualifier {

  /** Checks that the count is positive. */
  public RepeatsQualifier {
    if (times <= 0) {
      throw new IllegalArgumentException("REPEATS needs a positive count");
    }
  }
}

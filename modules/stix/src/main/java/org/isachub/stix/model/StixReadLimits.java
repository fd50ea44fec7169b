package org.isachub.stix.model;

/**
 * Limits applied while reading STIX JSON, so that hostile input cannot exhaust memory or stack.
 *
 * @param maxNestingDepth deepest allowed nesting of arrays and objects
 * @param maxStringLength longest allowed string value, in characters
 * @param maxDocumentLength longest allowed document, in bytes or characters of input
 */
public record StixReadLimits(int maxNestingDepth, int maxStringLength, long maxDocumentLength) {

  /** Validates that every limit is positive. */
  public StixReadLimits {
    if (maxNestingDepth < 1 || maxStringLength < 1 || maxDocumentLength < 1) {
      throw new IllegalArgumentException("read limits must be positive: " + this);
    }
  }

  /**
   * Returns the defaults: nesting 64 (STIX objects rarely nest past 6), strings up to 1 MiB
   * characters (large patterns and descriptions), documents up to 64 MiB (a full ATT&amp;CK bundle
   * is about 50 MiB).
   */
  public static StixReadLimits defaults() {
    return new StixReadLimits(64, 1 << 20, 64L << 20);
  }
}

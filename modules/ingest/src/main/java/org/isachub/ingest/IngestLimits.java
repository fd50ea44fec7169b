package org.isachub.ingest;

import org.isachub.ingest.read.ReadLimits;
import org.isachub.stix.model.StixReadLimits;
import org.isachub.stix.pattern.PatternLimits;

/**
 * The bounds every request is held to. A whole-request bound (bytes, bundle objects, JSON depth and
 * string length) refuses the request; a per-object bound (pattern length, CSV line length) refuses
 * the object.
 *
 * @param maxRequestBytes largest request body, in bytes
 * @param maxBundleObjects most objects in one bundle or TAXII page
 * @param maxJsonDepth deepest JSON nesting
 * @param maxStringLength longest JSON string, in characters
 * @param maxPatternLength longest STIX pattern, in characters
 * @param maxLineLength longest CSV record or text line, in bytes
 * @param maxRecords most CSV rows, text lines or MISP attributes in one request
 */
public record IngestLimits(
    long maxRequestBytes,
    int maxBundleObjects,
    int maxJsonDepth,
    int maxStringLength,
    int maxPatternLength,
    int maxLineLength,
    int maxRecords) {

  /** Checks that every bound is positive. */
  public IngestLimits {
    if (maxRequestBytes < 1
        || maxBundleObjects < 1
        || maxJsonDepth < 1
        || maxStringLength < 1
        || maxPatternLength < 1
        || maxLineLength < 1
        || maxRecords < 1) {
      throw new IllegalArgumentException("every ingest limit must be positive: " + this);
    }
  }

  /** Returns the limits for reading STIX JSON. */
  public StixReadLimits stixReadLimits() {
    return new StixReadLimits(maxJsonDepth, maxStringLength, maxRequestBytes);
  }

  /** Returns the limits for the CSV, text and MISP readers. */
  public ReadLimits readLimits() {
    return new ReadLimits(
        maxRequestBytes, maxLineLength, maxRecords, maxJsonDepth, maxStringLength);
  }

  /** Returns the limits for parsing patterns. */
  public PatternLimits patternLimits() {
    return new PatternLimits(maxPatternLength, PatternLimits.DEFAULT.maxDepth());
  }
}

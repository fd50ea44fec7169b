package org.isachub.ingest.read;

/**
 * The bounds every reader enforces on untrusted input. Per-record limits produce a {@link
 * Rejection}; whole-input limits a {@link ReadException}.
 *
 * <p>Defaults ({@link #DEFAULTS}): 64 MiB of input, 16 KiB per line or CSV record (and per MISP
 * value), 1,000,000 records or MISP attributes, JSON nesting depth 64, JSON strings up to 16 MiB
 * (MISP attachments carry base64 samples).
 *
 * @param maxInputBytes largest input accepted, in bytes; beyond it the read fails with {@code
 *     limit.input-bytes}
 * @param maxLineLength longest line or CSV record in bytes (MISP: value length in characters);
 *     longer ones are rejected with {@code *.line-too-long} / {@code misp.value-too-long}
 * @param maxRecords most data records (CSV rows, text lines, MISP attributes) read; the first one
 *     beyond is rejected with {@code limit.objects} and reading stops
 * @param maxJsonDepth deepest JSON nesting; beyond it the read fails with {@code limit.json-depth}
 * @param maxStringLength longest JSON string in characters; beyond it the read fails with {@code
 *     limit.json-string}
 */
public record ReadLimits(
    long maxInputBytes, int maxLineLength, int maxRecords, int maxJsonDepth, int maxStringLength) {

  /** The documented defaults. */
  public static final ReadLimits DEFAULTS =
      new ReadLimits(64L << 20, 16 << 10, 1_000_000, 64, 16 << 20);

  /** Checks that every bound is positive. */
  public ReadLimits {
    if (maxInputBytes < 1
        || maxLineLength < 1
        || maxRecords < 1
        || maxJsonDepth < 1
        || maxStringLength < 1) {
      throw new IllegalArgumentException("every read limit must be positive: " + this);
    }
  }

  /**
   * Returns a copy with another input size bound.
   *
   * @param bytes the new bound
   * @return the copy
   */
  public ReadLimits withMaxInputBytes(long bytes) {
    return new ReadLimits(bytes, maxLineLength, maxRecords, maxJsonDepth, maxStringLength);
  }

  /**
   * Returns a copy with another line length bound.
   *
   * @param length the new bound
   * @return the copy
   */
  public ReadLimits withMaxLineLength(int length) {
    return new ReadLimits(maxInputBytes, length, maxRecords, maxJsonDepth, maxStringLength);
  }

  /**
   * Returns a copy with another record count bound.
   *
   * @param records the new bound
   * @return the copy
   */
  public ReadLimits withMaxRecords(int records) {
    return new ReadLimits(maxInputBytes, maxLineLength, records, maxJsonDepth, maxStringLength);
  }

  /**
   * Returns a copy with another JSON depth bound.
   *
   * @param depth the new bound
   * @return the copy
   */
  public ReadLimits withMaxJsonDepth(int depth) {
    return new ReadLimits(maxInputBytes, maxLineLength, maxRecords, depth, maxStringLength);
  }

  /**
   * Returns a copy with another JSON string length bound.
   *
   * @param length the new bound
   * @return the copy
   */
  public ReadLimits withMaxStringLength(int length) {
    return new ReadLimits(maxInputBytes, maxLineLength, maxRecords, maxJsonDepth, length);
  }
}

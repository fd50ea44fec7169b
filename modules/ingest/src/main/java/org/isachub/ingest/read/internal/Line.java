package org.isachub.ingest.read.internal;

/**
 * One physical line of input.
 *
 * @param number the 1-based line number
 * @param text the decoded line without its terminator; for a faulty line, a lossy excerpt
 * @param byteLength the line's length in bytes, without its terminator
 * @param fault whether the line could be decoded within the limits
 */
public record Line(int number, String text, long byteLength, Fault fault) {

  /** Why a line could not be used. */
  public enum Fault {
    /** The line is fine. */
    NONE,
    /** The line is longer than the line limit. */
    TOO_LONG,
    /** The line is not valid UTF-8. */
    BAD_ENCODING
  }
}

package org.isachub.stix.model;

import org.jspecify.annotations.Nullable;

/** Input that is not well-formed STIX JSON, or that breaks a configured read limit. */
public final class StixParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final long line;
  private final long column;

  /**
   * Creates an exception with a reason and, when known, the input position.
   *
   * @param reason what is wrong with the input, in plain words
   * @param line 1-based line of the problem, or -1 when unknown
   * @param column 1-based column of the problem, or -1 when unknown
   * @param cause the underlying parser error, kept for diagnostics only
   */
  public StixParseException(String reason, long line, long column, @Nullable Throwable cause) {
    super(line > 0 ? reason + " (line " + line + ", column " + column + ")" : reason, cause);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  /** Creates an exception for a structural problem that has no input position. */
  public StixParseException(String reason) {
    this(reason, -1, -1, null);
  }

  /** Returns why the input was refused, without position information. */
  public String reason() {
    return reason;
  }

  /** Returns the 1-based line of the problem, or -1 when unknown. */
  public long line() {
    return line;
  }

  /** Returns the 1-based column of the problem, or -1 when unknown. */
  public long column() {
    return column;
  }
}

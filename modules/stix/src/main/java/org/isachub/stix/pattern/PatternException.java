package org.isachub.stix.pattern;

/**
 * A pattern was rejected: a syntax error, a failed semantic check or an exceeded limit.
 *
 * <p>{@link #code()} is a stable machine-readable code (see {@link #SYNTAX} and the other
 * constants); {@link #reason()} is a human sentence; {@link #line()} and {@link #column()} locate
 * the offending character (both 1-based; columns count UTF-16 code units, a tab counts as one).
 */
public final class PatternException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The text does not follow the grammar. */
  public static final String SYNTAX = "syntax";

  /** A string constant holds an escape other than {@code \\'} or {@code \\\\}. */
  public static final String BAD_STRING = "bad-string";

  /** An integer or float constant is out of range. */
  public static final String BAD_NUMBER = "bad-number";

  /** A {@code t'…'} constant is not a valid RFC 3339 UTC timestamp. */
  public static final String BAD_TIMESTAMP = "bad-timestamp";

  /** A {@code h'…'} constant does not hold an even number of hex digits. */
  public static final String BAD_HEX = "bad-hex";

  /** A {@code b'…'} constant is not valid padded base64. */
  public static final String BAD_BINARY = "bad-binary";

  /** A hash value does not have the format its algorithm requires. */
  public static final String HASH_FORMAT = "hash-format";

  /** One observation expression carries the same kind of qualifier twice. */
  public static final String DUPLICATE_QUALIFIER = "duplicate-qualifier";

  /** A START/STOP qualifier whose STOP is not after its START. */
  public static final String START_STOP_ORDER = "start-stop-order";

  /** The object type is neither a STIX 2.1 cyber-observable type nor a custom {@code x-} type. */
  public static final String UNKNOWN_OBJECT_TYPE = "unknown-object-type";

  /** An object path step is malformed (for example an empty property name). */
  public static final String BAD_PATH = "bad-path";

  /** The pattern is longer than {@link PatternLimits#maxLength()}. */
  public static final String TOO_LONG = "too-long";

  /** Brackets and parentheses nest deeper than {@link PatternLimits#maxDepth()}. */
  public static final String TOO_DEEP = "too-deep";

  private final String code;
  private final String reason;
  private final int line;
  private final int column;

  /**
   * Creates an exception.
   *
   * @param code stable machine code, one of the constants of this class
   * @param reason human-readable sentence saying what is wrong
   * @param line 1-based line of the error
   * @param column 1-based column of the error
   */
  public PatternException(String code, String reason, int line, int column) {
    super("line " + line + ", column " + column + ": " + reason);
    this.code = code;
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  /** Returns the 1-based line of the error. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the error. */
  public int column() {
    return column;
  }

  /** Returns the stable machine code, such as {@code "syntax"} or {@code "hash-format"}. */
  public String code() {
    return code;
  }

  /** Returns the human-readable reason, without the position. */
  public String reason() {
    return reason;
  }
}

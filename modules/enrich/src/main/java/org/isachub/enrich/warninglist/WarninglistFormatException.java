package org.isachub.enrich.warninglist;

/** A warninglist file that does not follow the format, with the file, line and reason. */
public final class WarninglistFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String origin;
  private final int line;
  private final String reason;

  /** A format error at {@code origin:line}. */
  public WarninglistFormatException(String origin, int line, String reason) {
    super(origin + ":" + line + ": " + reason);
    this.origin = origin;
    this.line = line;
    this.reason = reason;
  }

  /** The file or resource name. */
  public String origin() {
    return origin;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}

package org.isachub.ingest.read;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one exception a reader throws: the input as a whole cannot be read (a whole-input limit, a
 * header lacking a required column, a broken mapping, a failing stream). Faults in single records
 * are {@link Rejection}s instead.
 */
public final class ReadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * Creates an exception with a stable code.
   *
   * @param code a code from {@link RejectionCodes}
   * @param message what went wrong, in a sentence
   */
  public ReadException(String code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a stable code and the underlying cause.
   *
   * @param code a code from {@link RejectionCodes}
   * @param message what went wrong, in a sentence
   * @param cause the underlying failure, if any
   */
  public ReadException(String code, String message, @Nullable Throwable cause) {
    super(code + ": " + message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns the stable code of this failure.
   *
   * @return a code such as {@code limit.input-bytes}
   */
  public String code() {
    return code;
  }
}

package org.isachub.distribute.member;

/** An audit event could not be written; the change it records may have happened. */
public final class AuditException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.isachub.ingest.taxii;

/**
 * The upstream TAXII server could not be read: an HTTP error, a non-TAXII answer, a broken page.
 */
public final class TaxiiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param status the HTTP status, or 0 when there was no response
   * @param cause the underlying failure, if any
   */
  public TaxiiException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what went wrong
   * @param status the HTTP status, or 0 when there was no response
   */
  public TaxiiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** Returns the HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }
}

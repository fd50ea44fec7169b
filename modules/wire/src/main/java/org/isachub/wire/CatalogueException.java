package org.isachub.wire;

/** The topic catalogue could not be read from or applied to the cluster. */
public final class CatalogueException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public CatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}

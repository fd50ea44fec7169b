package org.isachub.broker;

/** The embedded broker could not be formatted, started or reached. */
public final class BrokerException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the address or directory
   * @param cause the underlying failure
   */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}

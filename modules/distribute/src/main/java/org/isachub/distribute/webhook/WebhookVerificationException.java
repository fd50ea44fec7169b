package org.isachub.distribute.webhook;

/** A webhook request whose signature or timestamp does not check out; the message says which. */
public final class WebhookVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong
   */
  public WebhookVerificationException(String message) {
    super(message);
  }
}

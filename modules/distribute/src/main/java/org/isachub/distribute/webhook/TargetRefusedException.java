package org.isachub.distribute.webhook;

import java.io.IOException;

/**
 * A webhook target that may not be contacted: its URL is unusable or it resolves to an internal
 * address.
 */
public final class TargetRefusedException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence naming the target and the rule it breaks
   */
  public TargetRefusedException(String message) {
    super(message);
  }
}

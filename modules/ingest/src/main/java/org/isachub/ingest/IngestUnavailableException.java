package org.isachub.ingest;

import java.time.Duration;

/**
 * Kafka did not acknowledge every write of a request in time (broker down, timeout, fenced
 * producer): the request must be treated as not accepted and retried; an HTTP layer answers {@code
 * 503} with {@code Retry-After: }{@link #retryAfter()}. Some of its records may still have been
 * written; a retry of the same request is merged by the enrich stage (same source, same object).
 */
public final class IngestUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param retryAfter when a retry makes sense
   * @param cause the Kafka failure
   */
  public IngestUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** Returns how long a client should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }
}

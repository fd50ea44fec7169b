package org.isachub.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The server's metrics, all named here: authentication outcomes and error answers.
 *
 * <p>Thread-safe.
 */
public final class ServerMetrics {

  private final MeterRegistry registry;

  /**
   * Binds the metrics to a registry.
   *
   * @param registry where they live
   */
  public ServerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts an authentication attempt.
   *
   * @param outcome {@code ok}, {@code denied}, {@code rate-limited} or {@code unavailable}
   */
  public void auth(String outcome) {
    Counter.builder("isachub.server.auth")
        .description("Authentication attempts by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /**
   * Counts an error answer.
   *
   * @param status the HTTP status
   */
  public void error(int status) {
    Counter.builder("isachub.server.errors")
        .description("Error answers by status")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }
}

package org.isachub.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The server's metrics, all named here: authentication outcomes, error answers and the sizes of the
 * in-memory replicas the read APIs serve from.
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

  /**
   * Reports the size of an in-memory replica as a gauge.
   *
   * @param replica the replica's name, e.g. {@code blocklists}
   * @param entries answers the current number of entries; must be quick
   */
  public void replicaEntries(String replica, Supplier<Number> entries) {
    Gauge.builder("isachub.server.replica.entries", entries)
        .description("Entries held in memory by a read API's replica")
        .tag("replica", replica)
        .register(registry);
  }

  /**
   * Counts a record a replica could not read and skipped.
   *
   * @param replica the replica's name
   */
  public void replicaSkipped(String replica) {
    Counter.builder("isachub.server.replica.skipped")
        .description("Records a read API's replica could not read and skipped")
        .tag("replica", replica)
        .register(registry)
        .increment();
  }
}

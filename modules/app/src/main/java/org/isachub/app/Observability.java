package org.isachub.app;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.isachub.server.Health;
import org.jspecify.annotations.Nullable;

/**
 * The process's metrics plumbing: one Prometheus registry added to {@link Metrics#globalRegistry}
 * with the JVM and process binders, and the health and Streams metrics of the Streams stages.
 *
 * <p>Thread-safe.
 */
final class Observability {

  private static @Nullable PrometheusMeterRegistry prometheus;

  // Held so that the GC notification listeners stay registered for the life of the process.
  private static @Nullable JvmGcMetrics gc;

  private Observability() {}

  /**
   * The process's Prometheus registry, created and added to the global registry on first use. Call
   * it before any stage is built so that every meter reaches it from the start.
   *
   * @return the registry
   */
  static synchronized PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry r = prometheus;
    if (r == null) {
      r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(r);
      JvmGcMetrics g = new JvmGcMetrics();
      g.bindTo(r);
      gc = g;
      new JvmThreadMetrics().bindTo(r);
      new ClassLoaderMetrics().bindTo(r);
      new ProcessorMetrics().bindTo(r);
      new UptimeMetrics().bindTo(r);
      new FileDescriptorMetrics().bindTo(r);
      Metrics.addRegistry(r);
      prometheus = r;
    }
    return r;
  }

  /**
   * Binds a started Streams instance's client metrics to the global registry.
   *
   * @param streams the instance, or null if the stage did not start one
   * @return the binding, to close when the stage stops; null when there was nothing to bind
   */
  static @Nullable KafkaStreamsMetrics bindStreams(@Nullable KafkaStreams streams) {
    if (streams == null) {
      return null;
    }
    KafkaStreamsMetrics binding = new KafkaStreamsMetrics(streams);
    binding.bindTo(Metrics.globalRegistry);
    return binding;
  }

  /**
   * Registers a stage's readiness: its Streams instance runs (or is rebalancing, which is part of
   * running).
   *
   * @param health where {@code /health} finds it
   * @param role the stage's role, the check's name
   * @param streams reads the stage's current instance; null before start and after stop
   */
  static void registerStreamsHealth(
      Health health, String role, java.util.function.Supplier<@Nullable KafkaStreams> streams) {
    health.register(
        role,
        () -> {
          KafkaStreams s = streams.get();
          return s != null && streamsReady(s.state());
        });
  }

  /**
   * Tells whether a Streams state counts as ready.
   *
   * @param state the state
   * @return true for RUNNING and REBALANCING
   */
  static boolean streamsReady(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }
}

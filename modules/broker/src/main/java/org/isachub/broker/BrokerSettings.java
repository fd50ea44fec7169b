package org.isachub.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how an {@link EmbeddedKafkaBroker} runs.
 *
 * @param dataDir directory holding the broker's log and metadata; formatted on first start and kept
 *     across restarts
 * @param host loopback address the listeners bind to and advertise
 * @param port client listener port
 * @param controllerPort KRaft controller listener port
 * @param overrides further broker properties, applied last (for tests and the secured mode)
 */
public record BrokerSettings(
    Path dataDir, String host, int port, int controllerPort, Map<String, String> overrides) {

  /** The default client port of the embedded hub. */
  public static final int DEFAULT_PORT = 9092;

  /** The default controller port of the embedded hub. */
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  /** Checks the ports and copies the overrides. */
  public BrokerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("broker port must be 1-65535, was " + port);
    }
    if (controllerPort < 1 || controllerPort > 65535) {
      throw new IllegalArgumentException("controller port must be 1-65535, was " + controllerPort);
    }
    if (port == controllerPort) {
      throw new IllegalArgumentException("broker and controller ports must differ, both " + port);
    }
    overrides = Map.copyOf(overrides);
  }

  /**
   * Settings for the embedded default: loopback, the standard ports, no overrides.
   *
   * @param dataDir the broker's data directory
   * @return the settings
   */
  public static BrokerSettings defaults(Path dataDir) {
    return new BrokerSettings(
        dataDir, "127.0.0.1", DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, Map.of());
  }

  /**
   * Returns a copy with further broker properties.
   *
   * @param more properties applied after the defaults and the existing overrides
   * @return the new settings
   */
  public BrokerSettings withOverrides(Map<String, String> more) {
    var merged = new java.util.HashMap<>(overrides);
    merged.putAll(more);
    return new BrokerSettings(dataDir, host, port, controllerPort, merged);
  }
}

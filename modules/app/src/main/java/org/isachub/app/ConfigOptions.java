package org.isachub.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Command-line options shared by every command that talks to the hub's Kafka. */
public final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with isachub.* and kafka.* settings.")
  @Nullable Path configFile;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Join this Kafka cluster instead of running the embedded broker.")
  @Nullable String bootstrapServers;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Local data directory (default: var).")
  @Nullable Path dataDir;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      description = "Client port of the embedded broker (default: 9092).")
  @Nullable Integer kafkaPort;

  @Option(
      names = "--controller-port",
      paramLabel = "PORT",
      description = "Controller port of the embedded broker (default: 9093).")
  @Nullable Integer controllerPort;

  @Option(
      names = "--roles",
      split = ",",
      paramLabel = "ROLE",
      description = "Stages to run: ingest, enrich, distribute, server (default: all).")
  @Nullable List<String> roles;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Any setting, e.g. -D kafka.linger.ms=5 (see docs/configuration.md).")
  Map<String, String> settings = new LinkedHashMap<>();

  /**
   * The settings given on the command line, as configuration keys.
   *
   * @return settings by key
   */
  Map<String, String> asSettings() {
    Map<String, String> out = new LinkedHashMap<>(settings);
    if (bootstrapServers != null) {
      out.put(HubConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (dataDir != null) {
      out.put(HubConfig.DATA_DIR_CONFIG, dataDir.toString());
    }
    if (kafkaPort != null) {
      out.put(HubConfig.BROKER_PORT_CONFIG, kafkaPort.toString());
    }
    if (controllerPort != null) {
      out.put(HubConfig.BROKER_CONTROLLER_PORT_CONFIG, controllerPort.toString());
    }
    if (roles != null) {
      out.put(HubConfig.ROLES_CONFIG, String.join(",", roles));
    }
    return out;
  }

  /**
   * The hub configuration from file, environment and these options.
   *
   * @return the validated configuration
   */
  HubConfig toConfig() {
    return new HubConfig(ConfigSources.merge(configFile, System.getenv(), asSettings()));
  }
}

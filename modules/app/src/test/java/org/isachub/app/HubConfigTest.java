package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigTest {

  @TempDir Path dir;

  @Test
  void shouldDefaultToTheEmbeddedBrokerEveryRoleAndVar() {
    HubConfig config = new HubConfig(Map.of());
    assertThat(config.usesEmbeddedBroker()).isTrue();
    assertThat(config.roles()).containsExactly("ingest", "enrich", "distribute", "server");
    assertThat(config.dataDir()).isEqualTo(Path.of("var"));
    assertThat(config.getInt(HubConfig.BROKER_PORT_CONFIG)).isEqualTo(9092);
  }

  @Test
  void shouldLetTheCommandLineBeatTheEnvironmentAndTheEnvironmentBeatTheFile() throws Exception {
    Path file = dir.resolve("hub.properties");
    Files.writeString(
        file,
        "isachub.data.dir=/from/file\nisachub.broker.port=7000\nisachub.roles=enrich\n"
            + "kafka.linger.ms=5\n");
    Map<String, String> env =
        Map.of("ISACHUB_BROKER_PORT", "7001", "ISACHUB_ROLES", "ingest,server", "PATH", "/bin");
    Map<String, String> cli = Map.of(HubConfig.ROLES_CONFIG, "distribute");

    HubConfig config = new HubConfig(ConfigSources.merge(file, env, cli));

    assertThat(config.dataDir()).isEqualTo(Path.of("/from/file"));
    assertThat(config.getInt(HubConfig.BROKER_PORT_CONFIG)).isEqualTo(7001);
    assertThat(config.roles()).containsExactly("distribute");
    assertThat(config.kafkaClientOverrides()).containsEntry("linger.ms", "5");
  }

  @Test
  void shouldMapEnvironmentVariablesOnlyForDefinedKeys() {
    Map<String, String> settings =
        ConfigSources.fromEnvironment(
            Map.of(
                "ISACHUB_KAFKA_BOOTSTRAP_SERVERS", "k1:9092",
                "ISACHUB_NOT_A_KEY", "x",
                "HOME", "/root"));
    assertThat(settings).containsExactly(Map.entry(HubConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9092"));
  }

  @Test
  void shouldRejectAnUnknownRoleNamingTheKey() {
    assertThatThrownBy(() -> new HubConfig(Map.of(HubConfig.ROLES_CONFIG, "enrich,mystery")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("isachub.roles")
        .hasMessageContaining("mystery");
  }

  @Test
  void shouldRejectPortsOutOfRangeAndClashingPorts() {
    assertThatThrownBy(() -> new HubConfig(Map.of(HubConfig.BROKER_PORT_CONFIG, "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("isachub.broker.port");
    assertThatThrownBy(
            () ->
                new HubConfig(
                    Map.of(
                        HubConfig.BROKER_PORT_CONFIG, "9000",
                        HubConfig.BROKER_CONTROLLER_PORT_CONFIG, "9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must differ");
  }

  @Test
  void shouldRejectAnUnreadableFile() {
    assertThatThrownBy(
            () -> ConfigSources.merge(dir.resolve("missing.properties"), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read configuration file");
  }

  @Test
  void shouldKeepTheConfigurationReferenceInDocsUpToDate() throws Exception {
    Path doc = Path.of("../../docs/configuration.md");
    assertThat(Files.readString(doc))
        .as("docs/configuration.md is generated: run ./isachub config-docs > docs/configuration.md")
        .isEqualTo(ConfigDocs.markdown(ConfigDocs.sections()));
  }
}

package org.isachub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ServerConfigMetricsTokenTest {

  @Test
  void shouldLeaveMetricsOffWithoutAToken() {
    assertThat(new ServerConfig(Map.of()).metricsToken()).isNull();
  }

  @Test
  void shouldAcceptATokenOfThirtyTwoCharacters() {
    String token = "0123456789abcdef0123456789abcdef";
    assertThat(new ServerConfig(Map.of(ServerConfig.METRICS_TOKEN_CONFIG, token)).metricsToken())
        .isEqualTo(token);
  }

  @Test
  void shouldRefuseAShortTokenNamingTheKeyWithoutEchoingTheValue() {
    assertThatThrownBy(
            () -> new ServerConfig(Map.of(ServerConfig.METRICS_TOKEN_CONFIG, "short-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ServerConfig.METRICS_TOKEN_CONFIG)
        .hasMessageContaining("at least 32 characters")
        .hasMessageNotContaining("short-secret");
  }
}

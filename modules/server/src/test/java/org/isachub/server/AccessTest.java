package org.isachub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.distribute.member.Role;
import org.junit.jupiter.api.Test;

class AccessTest {

  @Test
  void shouldLetEveryAuthenticatedRoleIntoARouteWithoutRoles() {
    for (Role role : Role.values()) {
      assertThat(Access.allows(Set.of(), role)).isTrue();
    }
  }

  @Test
  void shouldLetOnlyTheNamedRolesIntoARestrictedRoute() {
    Set<RouteRole> adminOnly = Set.of(Access.ADMIN);
    assertThat(Access.allows(adminOnly, Role.ADMIN)).isTrue();
    assertThat(Access.allows(adminOnly, Role.MEMBER)).isFalse();
    assertThat(Access.allows(adminOnly, Role.ANALYST)).isFalse();
    Set<RouteRole> publishers = Set.of(Access.ANALYST, Access.VENDOR);
    assertThat(Access.allows(publishers, Role.VENDOR)).isTrue();
    assertThat(Access.allows(publishers, Role.MEMBER)).isFalse();
  }

  @Test
  void shouldGiveEachStatusItsErrorCode() {
    assertThat(ApiError.codeOf(413)).isEqualTo("payload_too_large");
    assertThat(ApiError.codeOf(429)).isEqualTo("too_many_requests");
    assertThat(ApiError.codeOf(502)).isEqualTo("internal_error");
    assertThat(new ApiError(415, "x").code()).isEqualTo("unsupported_media_type");
    assertThat(new ApiError(400, "x").getStackTrace()).isEmpty();
  }

  @Test
  void shouldServePlainHttpOnlyOnLoopbackUnlessAllowed() {
    assertThat(new ServerConfig(Map.of()).loopback()).isTrue();
    assertThatThrownBy(() -> new ServerConfig(Map.of(ServerConfig.HOST_CONFIG, "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ServerConfig.KEYSTORE_PATH_CONFIG);
    assertThat(
            new ServerConfig(
                    Map.of(
                        ServerConfig.HOST_CONFIG,
                        "0.0.0.0",
                        ServerConfig.ALLOW_INSECURE_HTTP_CONFIG,
                        "true"))
                .tls())
        .isFalse();
    assertThat(
            new ServerConfig(
                    Map.of(
                        ServerConfig.HOST_CONFIG,
                        "0.0.0.0",
                        ServerConfig.KEYSTORE_PATH_CONFIG,
                        "/etc/isachub/server.p12"))
                .tls())
        .isTrue();
  }
}

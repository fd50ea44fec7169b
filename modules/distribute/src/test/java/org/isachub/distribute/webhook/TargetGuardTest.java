package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  /** An IPv6 address kept in IPv6 form even when it embeds IPv4 (the JDK would unwrap it). */
  private static InetAddress ipv6(String literal) throws UnknownHostException {
    byte[] raw = new inet.ipaddr.IPAddressString(literal).getAddress().getBytes();
    return Inet6Address.getByAddress(null, raw, -1);
  }

  private static TargetGuard allowing(String... cidrs) {
    return new TargetGuard(
        java.util.Arrays.stream(cidrs).map(TargetGuard::parseRange).toList(), HostResolver.SYSTEM);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.8.9.10, loopback",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.1.1, private",
    "100.64.0.1, CGNAT",
    "100.127.255.254, CGNAT",
    "169.254.10.20, link-local",
    "169.254.169.254, cloud metadata",
    "0.0.0.0, unspecified",
    "224.0.0.251, multicast",
    "239.255.255.250, multicast",
    "255.255.255.255, reserved",
    "198.18.0.1, reserved",
    "::1, loopback",
    "::, unspecified",
    "fd12:3456:789a::1, private",
    "fc00::1, private",
    "fe80::1, link-local",
    "ff02::1, multicast",
    "fd00:ec2::254, cloud metadata"
  })
  void shouldRecogniseInternalAddresses(String address, String category) throws Exception {
    assertThat(TargetGuard.category(ip(address))).contains(category);
    assertThat(TargetGuard.strict().refusal(ip(address))).contains("a " + category);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "172.32.0.1",
        "100.128.0.1",
        "169.255.0.1",
        "2606:4700::1111",
        "2001:db8::1"
      })
  void shouldLetPublicAddressesThrough(String address) throws Exception {
    assertThat(TargetGuard.category(ip(address))).isEmpty();
    assertThat(TargetGuard.strict().refusal(ip(address))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "::ffff:127.0.0.1, loopback (IPv4-mapped)",
    "::ffff:10.0.0.5, private (IPv4-mapped)",
    "::ffff:169.254.169.254, cloud metadata (IPv4-mapped)",
    "::10.0.0.5, private (IPv4-compatible)",
    "64:ff9b::c0a8:101, private (NAT64)",
    "2002:7f00:1::1, loopback (6to4)",
    "2002:a9fe:a9fe::1, cloud metadata (6to4)"
  })
  void shouldJudgeIpv6AddressesByTheIpv4AddressTheyEmbed(String address, String category)
      throws Exception {
    InetAddress v6 = ipv6(address);
    assertThat(v6).isInstanceOf(Inet6Address.class);
    assertThat(TargetGuard.category(v6)).contains(category);
    assertThat(TargetGuard.strict().refusal(v6)).isPresent();
  }

  @Test
  void shouldLetIpv6FormsOfPublicIpv4AddressesThrough() throws Exception {
    assertThat(TargetGuard.category(ipv6("::ffff:8.8.8.8"))).isEmpty();
    assertThat(TargetGuard.category(ipv6("2002:0808:0808::1"))).isEmpty();
  }

  @Test
  void shouldAllowOnlyTheRangesAnOperatorNamed() throws Exception {
    TargetGuard guard = allowing("127.0.0.0/8", "10.20.0.0/16");
    assertThat(guard.refusal(ip("127.0.0.1"))).isEmpty();
    assertThat(guard.refusal(ip("10.20.3.4"))).isEmpty();
    assertThat(guard.refusal(ip("10.21.3.4"))).contains("a private");
    assertThat(guard.refusal(ip("::1"))).contains("a loopback");
    assertThat(guard.refusal(ip("169.254.169.254"))).contains("a cloud metadata");
    // The IPv4-mapped form of an allowed IPv4 address is allowed; of another one it is not.
    assertThat(guard.refusal(ipv6("::ffff:127.0.0.1"))).isEmpty();
    assertThat(guard.refusal(ipv6("::ffff:192.168.0.1"))).contains("a private (IPv4-mapped)");
  }

  @Test
  void shouldAllowTheMetadataAddressOnlyWhenNamedExplicitly() throws Exception {
    assertThat(allowing("169.254.0.0/16").refusal(ip("169.254.169.254"))).isEmpty();
    assertThat(allowing("169.254.169.254").refusal(ip("169.254.169.254"))).isEmpty();
    assertThat(allowing("127.0.0.0/8").refusal(ip("169.254.169.254"))).isPresent();
  }

  @Test
  void shouldRefuseLocalhostUnlessLoopbackIsAllowed() throws Exception {
    assertThatThrownBy(() -> TargetGuard.strict().resolve("localhost"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessageContaining("webhook target host 'localhost' resolves to")
        .hasMessageContaining("a loopback address, which is not allowed")
        .hasMessageContaining(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG);
    assertThat(allowing("127.0.0.0/8", "::1").resolve("localhost"))
        .isNotEmpty()
        .allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void shouldRefuseANameIfAnyOfItsAddressesIsInternal() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    HostResolver resolver =
        host -> {
          lookups.incrementAndGet();
          return List.of(ip("93.184.216.34"), ip("10.0.0.7"));
        };
    TargetGuard guard = new TargetGuard(List.of(), resolver);
    assertThatThrownBy(() -> guard.resolve("hook.example.org"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage(
            "webhook target host 'hook.example.org' resolves to 10.0.0.7, a private address, which"
                + " is not allowed (see isachub.distribute.webhook.allow.private.targets)");
    assertThat(lookups).hasValue(1);
  }

  @Test
  void shouldReturnTheCheckedAddressesOfAPublicName() throws Exception {
    TargetGuard guard =
        new TargetGuard(List.of(), host -> List.of(ip("93.184.216.34"), ip("2606:2800:220:1::1")));
    assertThat(guard.resolve("hook.example.org"))
        .containsExactly(ip("93.184.216.34"), ip("2606:2800:220:1::1"));
  }

  @Test
  void shouldCheckBracketedIpv6Literals() {
    assertThatThrownBy(() -> TargetGuard.strict().resolve("[::1]"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessageContaining("resolves to 0:0:0:0:0:0:0:1, a loopback address");
  }

  @Test
  void shouldRejectAnUnparsableAllowedRangeWithTheKeyAndTheValue() {
    assertThatThrownBy(
            () ->
                new WebhookConfig(
                    Map.of(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG, "127.0.0.0/8,intranet")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG)
        .hasMessageContaining("'intranet' is not an IPv4 or IPv6 address or CIDR range");
    assertThatThrownBy(() -> TargetGuard.parseRange("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldParseConfiguredRangesAsBlocks() {
    WebhookConfig config =
        new WebhookConfig(Map.of(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG, "10.1.2.3/16, ::1"));
    assertThat(config.allowedPrivateTargets()).hasSize(2);
    assertThat(config.allowedPrivateTargets().get(0).toString()).isEqualTo("10.1.0.0/16");
  }
}

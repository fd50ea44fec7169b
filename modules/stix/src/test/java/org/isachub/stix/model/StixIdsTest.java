package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StixIdsTest {

  @Test
  void shouldMatchTheRfc9562VersionFiveExample() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(StixIds.uuidV5(dns, "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }

  @Test
  void shouldKeepTheHubNamespaceAndItsOutputsForever() {
    // Pinned: a change here changes the id of every object the hub has ever emitted.
    assertThat(StixIds.HUB_NAMESPACE).hasToString("53d37322-4893-4e09-8a49-3e42924b01dd");
    assertThat(StixIds.deterministic("indicator", "ipv4-addr:198.51.100.7"))
        .isEqualTo("indicator--35ee9657-2d02-54ab-a574-304a5ffbcffd");
    assertThat(StixIds.deterministic("indicator", "domain-name:example.org"))
        .isEqualTo("indicator--b2bf46ac-74e4-56b4-941d-e3fb720dadc5");
    assertThat(StixIds.deterministic("identity", "organization:isachub"))
        .isEqualTo("identity--d3ec19c9-14ca-50c7-8a41-3f5a2005d571");
  }

  @Test
  void shouldSetVersionFiveAndTheRfcVariant() {
    UUID u = StixIds.uuidV5(StixIds.HUB_NAMESPACE, "anything");
    assertThat(u.version()).isEqualTo(5);
    assertThat(u.variant()).isEqualTo(2);
  }

  @Test
  void shouldGiveDifferentTypesDifferentIdsForTheSameKey() {
    String a = StixIds.deterministic("indicator", "url:http://example.org/a");
    String b = StixIds.deterministic("sighting", "url:http://example.org/a");
    assertThat(a.substring(a.indexOf("--"))).isNotEqualTo(b.substring(b.indexOf("--")));
  }

  @Test
  void shouldHashNonAsciiKeysAsUtf8() {
    assertThat(StixIds.deterministic("indicator", "domain-name:bücher.example"))
        .isNotEqualTo(StixIds.deterministic("indicator", "domain-name:b?cher.example"));
  }

  @Test
  void shouldRefuseBadTypeNamesAndEmptyKeys() {
    assertThatThrownBy(() -> StixIds.deterministic("Indicator", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a STIX type name");
    assertThatThrownBy(() -> StixIds.deterministic("indicator", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical key");
  }

  @Test
  void shouldMakeRandomVersionFourIds() {
    String id = StixIds.random("bundle");
    assertThat(id).startsWith("bundle--");
    assertThat(UUID.fromString(id.substring(8)).version()).isEqualTo(4);
    assertThat(StixIds.typeOf(id)).isEqualTo("bundle");
  }
}

package org.isachub.enrich.warninglist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultWarninglistsTest {

  private final Warninglists defaults = Warninglists.defaults();

  @Test
  void shouldLoadEveryBundledListInPriorityOrder() {
    assertThat(defaults.lists())
        .extracting(Warninglist::name)
        .containsExactly(
            "iana-ipv4-special-purpose",
            "iana-ipv6-special-purpose",
            "public-dns-resolvers",
            "special-use-domains",
            "documentation-urls",
            "top-platform-domains",
            "empty-file-hashes");
    assertThat(defaults.lists()).allSatisfy(l -> assertThat(l.entries()).isNotEmpty());
  }

  @Test
  void shouldNameTheSourceOfItsFactsInEveryBundledFile() throws IOException {
    for (String name : Warninglists.DEFAULT_RESOURCES) {
      try (InputStream in =
          Warninglists.class.getResourceAsStream(Warninglists.DEFAULT_RESOURCE_FOLDER + name)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).as(name).contains("# Source:");
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ipv4-addr:10.11.12.13, iana-ipv4-special-purpose",
    "ipv4-addr:192.168.1.0/24, iana-ipv4-special-purpose",
    "ipv4-addr:100.64.3.4, iana-ipv4-special-purpose",
    "ipv4-addr:127.0.0.1, iana-ipv4-special-purpose",
    "ipv4-addr:169.254.169.254, iana-ipv4-special-purpose",
    "ipv4-addr:192.0.2.55, iana-ipv4-special-purpose",
    "ipv4-addr:198.51.100.7, iana-ipv4-special-purpose",
    "ipv4-addr:203.0.113.200, iana-ipv4-special-purpose",
    "ipv4-addr:239.255.255.250, iana-ipv4-special-purpose",
    "ipv4-addr:255.255.255.255, iana-ipv4-special-purpose",
    "ipv6-addr:::1, iana-ipv6-special-purpose",
    "ipv6-addr:fe80::1, iana-ipv6-special-purpose",
    "ipv6-addr:fd12:3456::1, iana-ipv6-special-purpose",
    "ipv6-addr:2001:db8:1::/48, iana-ipv6-special-purpose",
    "ipv6-addr:ff02::1, iana-ipv6-special-purpose",
    "ipv4-addr:8.8.8.8, public-dns-resolvers",
    "ipv4-addr:1.1.1.1, public-dns-resolvers",
    "ipv4-addr:9.9.9.9, public-dns-resolvers",
    "ipv4-addr:208.67.222.222, public-dns-resolvers",
    "ipv6-addr:2606:4700:4700::1111, public-dns-resolvers",
    "domain-name:example.com, special-use-domains",
    "domain-name:www.example.org, special-use-domains",
    "domain-name:router.home.arpa, special-use-domains",
    "domain-name:anything.test, special-use-domains",
    "domain-name:localhost, special-use-domains",
    "url:https://www.example.net/login, documentation-urls",
    "domain-name:google.com, top-platform-domains",
    "domain-name:amazonaws.com, top-platform-domains",
    "file:sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, empty-file-hashes",
  })
  void shouldSuppressWellKnownBenignObservables(String key, String list) {
    assertThat(defaults.match(key)).contains(list);
  }

  @ParameterizedTest
  @CsvSource({
    "ipv4-addr:8.8.8.9",
    "ipv4-addr:185.220.101.1",
    "ipv6-addr:2a00:1450:4001::1",
    "domain-name:evil-bucket.s3.amazonaws.com",
    "domain-name:login-microsoft.com.example-threat.net",
    "url:http://example.com.evil.net/",
    "file:sha256:0000000000000000000000000000000000000000000000000000000000000001",
  })
  void shouldLeaveOrdinaryObservablesAlone(String key) {
    assertThat(defaults.match(key)).isEmpty();
  }
}

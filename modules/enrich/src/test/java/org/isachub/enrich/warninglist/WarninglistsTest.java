package org.isachub.enrich.warninglist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarninglistsTest {

  private static Warninglist list(String name, WarninglistKind kind, String... entries) {
    return new Warninglist(name, kind, "code", List.of(entries));
  }

  @Test
  void shouldMatchAddressesAndNetworksInsideACidr() {
    Warninglists w =
        Warninglists.of(List.of(list("nets", WarninglistKind.CIDR, "10.0.0.0/8", "2001:db8::/32")));
    assertThat(w.match("ipv4-addr:10.20.30.40")).contains("nets");
    assertThat(w.match("ipv4-addr:10.1.0.0/16")).contains("nets");
    assertThat(w.match("ipv4-addr:10.0.0.0/8")).contains("nets");
    assertThat(w.match("ipv6-addr:2001:db8::1")).contains("nets");
    assertThat(w.match("ipv6-addr:2001:db8:ff00::/40")).contains("nets");
  }

  @Test
  void shouldNotMatchNetworksOnlyPartlyInsideOrOutside() {
    Warninglists w = Warninglists.of(List.of(list("nets", WarninglistKind.CIDR, "10.0.0.0/8")));
    assertThat(w.match("ipv4-addr:10.0.0.0/7")).isEmpty();
    assertThat(w.match("ipv4-addr:0.0.0.0/0")).isEmpty();
    assertThat(w.match("ipv4-addr:11.0.0.1")).isEmpty();
    assertThat(w.match("ipv6-addr:::ffff:10.0.0.1")).isEmpty();
  }

  @Test
  void shouldMatchSingleAddressesExactly() {
    Warninglists w =
        Warninglists.of(List.of(list("dns", WarninglistKind.CIDR, "8.8.8.8", "2620:fe::fe")));
    assertThat(w.match("ipv4-addr:8.8.8.8")).contains("dns");
    assertThat(w.match("ipv4-addr:8.8.8.9")).isEmpty();
    assertThat(w.match("ipv4-addr:8.8.8.0/24")).isEmpty();
    assertThat(w.match("ipv6-addr:2620:fe::fe")).contains("dns");
  }

  @Test
  void shouldMatchSuffixListsOnSubdomainsButExactListsOnlyOnTheName() {
    Warninglists w =
        Warninglists.of(
            List.of(
                list("exact", WarninglistKind.DOMAIN, "amazonaws.com"),
                list("suffix", WarninglistKind.DOMAIN_SUFFIX, "example.org", "test")));
    assertThat(w.match("domain-name:amazonaws.com")).contains("exact");
    assertThat(w.match("domain-name:bucket.s3.amazonaws.com")).isEmpty();
    assertThat(w.match("domain-name:example.org")).contains("suffix");
    assertThat(w.match("domain-name:a.b.example.org")).contains("suffix");
    assertThat(w.match("domain-name:notexample.org")).isEmpty();
    assertThat(w.match("domain-name:example.org.evil.net")).isEmpty();
    assertThat(w.match("domain-name:host.test")).contains("suffix");
  }

  @Test
  void shouldMatchUrlPrefixesWithinTheSameOriginOnly() {
    Warninglists w =
        Warninglists.of(
            List.of(
                list(
                    "urls",
                    WarninglistKind.URL_PREFIX,
                    "http://example.com/",
                    "https://cdn.example.net/static/")));
    assertThat(w.match("url:http://example.com/")).contains("urls");
    assertThat(w.match("url:http://example.com/a/b?c=d")).contains("urls");
    assertThat(w.match("url:http://example.com.evil.net/")).isEmpty();
    assertThat(w.match("url:https://example.com/")).isEmpty();
    assertThat(w.match("url:https://cdn.example.net/static/app.js")).contains("urls");
    assertThat(w.match("url:https://cdn.example.net/other/app.js")).isEmpty();
  }

  @Test
  void shouldMatchFileHashesByAlgorithm() {
    String md5 = "d41d8cd98f00b204e9800998ecf8427e";
    Warninglists w = Warninglists.of(List.of(list("empty", WarninglistKind.HASH, md5)));
    assertThat(w.match("file:md5:" + md5)).contains("empty");
    assertThat(w.match("file:sha256:" + "0".repeat(64))).isEmpty();
  }

  @Test
  void shouldNeverMatchTypesNoListKindCovers() {
    Warninglists w = Warninglists.defaults();
    assertThat(w.match("email-addr:someone@example.com")).isEmpty();
    assertThat(w.match("pattern:5f2a")).isEmpty();
  }

  @Test
  void shouldPreferTheFirstListInLoadOrder() {
    Warninglists w =
        Warninglists.of(
            List.of(
                list("first", WarninglistKind.CIDR, "10.1.0.0/16"),
                list("second", WarninglistKind.CIDR, "10.0.0.0/8", "10.1.0.0/16"),
                list("suffix-first", WarninglistKind.DOMAIN_SUFFIX, "example.org"),
                list("exact-later", WarninglistKind.DOMAIN, "www.example.org")));
    assertThat(w.match("ipv4-addr:10.1.2.3")).contains("first");
    assertThat(w.match("ipv4-addr:10.2.0.1")).contains("second");
    assertThat(w.match("domain-name:www.example.org")).contains("suffix-first");
  }

  @Test
  void shouldRejectDuplicateListNames() {
    assertThatThrownBy(
            () ->
                Warninglists.of(
                    List.of(list("x", WarninglistKind.HASH), list("x", WarninglistKind.DOMAIN))))
        .hasMessageContaining("two warninglists are named 'x'");
  }

  @Test
  void shouldRejectBadEntriesInListsBuiltInCode() {
    assertThatThrownBy(
            () -> Warninglists.of(List.of(list("n", WarninglistKind.CIDR, "10.0.0.1/8"))))
        .hasMessageContaining("warninglist n from code")
        .hasMessageContaining("host bits");
  }

  @Test
  void shouldRejectMalformedKeys() {
    Warninglists w = Warninglists.none();
    assertThatThrownBy(() -> w.match("no-colon")).hasMessageContaining("type:value");
    assertThatThrownBy(() -> w.match("ipv4-addr:not-an-ip"))
        .hasMessageContaining("ipv4-addr:not-an-ip")
        .hasMessageContaining("does not hold an IP address");
  }

  @Test
  void shouldLoadEveryTextFileOfAFolderInNameOrder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("20-b.txt"), "warninglist b cidr\n10.0.0.0/8\n");
    Files.writeString(dir.resolve("10-a.txt"), "warninglist a cidr\n10.0.0.0/16\n");
    Files.writeString(dir.resolve("README.md"), "not a list");
    Warninglists w = Warninglists.loadDirectory(dir);
    assertThat(w.lists()).extracting(Warninglist::name).containsExactly("a", "b");
    assertThat(w.match("ipv4-addr:10.0.0.1")).contains("a");
    assertThat(w.match("ipv4-addr:10.9.0.1")).contains("b");
  }

  @Test
  void shouldNameTheFileAndLineOfABadListWhenLoading(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "warninglist bad domain\nok.example\n*.wild.example\n");
    assertThatThrownBy(() -> Warninglists.load(List.of(bad)))
        .isInstanceOf(WarninglistFormatException.class)
        .hasMessageStartingWith(bad + ":3: wildcards are not supported");
  }
}

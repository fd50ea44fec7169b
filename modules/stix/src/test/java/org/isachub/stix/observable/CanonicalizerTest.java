package org.isachub.stix.observable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;
import org.junit.jupiter.api.Test;

class CanonicalizerTest {

  private final Canonicalizer canonicalizer = new Canonicalizer();

  private String key(String type, String raw) throws ObservableException {
    return canonicalizer.canonical(type, raw).toString();
  }

  private String detect(String raw) throws ObservableException {
    return canonicalizer.detect(raw).toString();
  }

  private String code(String type, String raw) {
    ObservableException e =
        catchThrowableOfType(ObservableException.class, () -> canonicalizer.canonical(type, raw));
    assertThat(e).as("expected %s %s to be rejected", type, raw).isNotNull();
    assertThat(e.reason()).isNotBlank();
    return e.code();
  }

  private String fromPattern(String pattern) throws ObservableException, PatternException {
    return canonicalizer.fromPattern(PatternParser.parse(pattern)).toString();
  }

  @Test
  void shouldKeyIpv4HostsWithoutSlash32AndNetworksByBaseAddress() throws ObservableException {
    assertThat(key("ipv4-addr", "198.51.100.7")).isEqualTo("ipv4-addr:198.51.100.7");
    assertThat(key("ipv4-addr", "198.51.100.7/32")).isEqualTo("ipv4-addr:198.51.100.7");
    assertThat(key("ipv4-addr", "10.1.2.3/8")).isEqualTo("ipv4-addr:10.0.0.0/8");
    assertThat(key("ipv4-addr", " 198[.]51[.]100[.]7 ")).isEqualTo("ipv4-addr:198.51.100.7");
    assertThat(key("ipv4-addr", "198.051.100.007")).isEqualTo("ipv4-addr:198.51.100.7");
  }

  @Test
  void shouldKeyIpv6AsRfc5952Text() throws ObservableException {
    assertThat(key("ipv6-addr", "2001:0DB8:0000:0000:0000:0000:0000:0001"))
        .isEqualTo("ipv6-addr:2001:db8::1");
    assertThat(key("ipv6-addr", "2001:db8::1/128")).isEqualTo("ipv6-addr:2001:db8::1");
    assertThat(key("ipv6-addr", "2001:db8:0:0:1:0:0:1")).isEqualTo("ipv6-addr:2001:db8::1:0:0:1");
    assertThat(key("ipv6-addr", "2001:db8:dead:beef::1/64"))
        .isEqualTo("ipv6-addr:2001:db8:dead:beef::/64");
    assertThat(key("ipv6-addr", "::FFFF:198.51.100.7")).isEqualTo("ipv6-addr:::ffff:198.51.100.7");
  }

  @Test
  void shouldRejectMalformedAddressesAndTheWrongVersion() {
    assertThat(code("ipv4-addr", "256.1.1.1")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv4-addr", "10.1")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv4-addr", "0x0a.0.0.1")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv4-addr", "1.2.3.4/33")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv4-addr", "1.2.3.*")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv6-addr", "fe80::1%eth0")).isEqualTo(ObservableException.BAD_IP);
    assertThat(code("ipv4-addr", "2001:db8::1")).isEqualTo(ObservableException.WRONG_IP_VERSION);
    assertThat(code("ipv6-addr", "198.51.100.7")).isEqualTo(ObservableException.WRONG_IP_VERSION);
  }

  @Test
  void shouldKeyDomainsAsLowerCaseALabelsWithoutTrailingDot() throws ObservableException {
    assertThat(key("domain-name", "WWW.Example.ORG.")).isEqualTo("domain-name:www.example.org");
    assertThat(key("domain-name", "Bücher.example")).isEqualTo("domain-name:xn--bcher-kva.example");
    assertThat(key("domain-name", "xn--bcher-kva.example"))
        .isEqualTo("domain-name:xn--bcher-kva.example");
    assertThat(key("domain-name", "faß.de")).isEqualTo("domain-name:xn--fa-hia.de");
    assertThat(key("domain-name", "ｅｘａｍｐｌｅ。ｏｒｇ")).isEqualTo("domain-name:example.org");
    assertThat(key("domain-name", "evil(.)example{.}com"))
        .isEqualTo("domain-name:evil.example.com");
    assertThat(key("domain-name", "a_b.example.com")).isEqualTo("domain-name:a_b.example.com");
  }

  @Test
  void shouldRejectDomainsThatBreakLabelAndLengthRules() {
    assertThat(code("domain-name", "-a.example")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "a..example")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "a b.example")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "xn--zz.example")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "example.123")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "*.example.com")).isEqualTo(ObservableException.BAD_DOMAIN);
    assertThat(code("domain-name", "a".repeat(64) + ".example"))
        .isEqualTo(ObservableException.BAD_DOMAIN);
    String long254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    assertThat(code("domain-name", long254))
        .isIn(ObservableException.BAD_DOMAIN, ObservableException.TOO_LONG);
    assertThat(code("domain-name", ".")).isEqualTo(ObservableException.BAD_DOMAIN);
  }

  @Test
  void shouldNormaliseUrls() throws ObservableException {
    assertThat(key("url", "HTTP://Example.ORG")).isEqualTo("url:http://example.org/");
    assertThat(key("url", "http://example.org:80/a")).isEqualTo("url:http://example.org/a");
    assertThat(key("url", "https://example.org:443/a")).isEqualTo("url:https://example.org/a");
    assertThat(key("url", "ftp://example.org:21/a")).isEqualTo("url:ftp://example.org/a");
    assertThat(key("url", "http://example.org:8080/a")).isEqualTo("url:http://example.org:8080/a");
    assertThat(key("url", "http://example.org/%7euser/%2f%zz?q=%41#frag"))
        .isEqualTo("url:http://example.org/~user/%2F%25zz?q=A");
    assertThat(key("url", "http://example.org/a/./b/../c")).isEqualTo("url:http://example.org/a/c");
    assertThat(key("url", "http://example.org/ä?")).isEqualTo("url:http://example.org/%C3%A4");
    assertThat(key("url", "http://Bücher.example./Path"))
        .isEqualTo("url:http://xn--bcher-kva.example/Path");
    assertThat(key("url", "http://[2001:DB8::0:1]:8080/"))
        .isEqualTo("url:http://[2001:db8::1]:8080/");
    assertThat(key("url", "http://user:Pw@198.51.100.7/"))
        .isEqualTo("url:http://user:Pw@198.51.100.7/");
    assertThat(key("url", "example.org/a")).isEqualTo("url:http://example.org/a");
  }

  @Test
  void shouldRefangUrls() throws ObservableException {
    String plain = "url:http://example.org/a";
    assertThat(key("url", "hxxp://example[.]org/a")).isEqualTo(plain);
    assertThat(key("url", "hXXp[:]//example(.)org/a")).isEqualTo(plain);
    assertThat(key("url", "http[://]example{.}org/a")).isEqualTo(plain);
    assertThat(key("url", "hxxps://example[dot]org/a")).isEqualTo("url:https://example.org/a");
    assertThat(key("url", "fxp://example[.]org/a")).isEqualTo("url:ftp://example.org/a");
  }

  @Test
  void shouldRejectBadUrls() {
    assertThat(code("url", "http:///a")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://exa mple.org/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://example.org:99999/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://example.org:8o/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://[2001:db8::1/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://-bad.example/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "mailto:a@example.org")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "//example.org/")).isEqualTo(ObservableException.BAD_URL);
    assertThat(code("url", "http://example.org/" + "a".repeat(9000)))
        .isEqualTo(ObservableException.TOO_LONG);
    assertThat(code("url", "http://example.org/" + "\u00e4".repeat(3000)))
        .isEqualTo(ObservableException.TOO_LONG);
  }

  @Test
  void shouldKeyFileHashesPerAlgorithm() throws ObservableException {
    String md5 = "D41D8CD98F00B204E9800998ECF8427E";
    assertThat(key("file", md5)).isEqualTo("file:md5:" + md5.toLowerCase());
    assertThat(key("md5", md5)).isEqualTo("file:md5:" + md5.toLowerCase());
    assertThat(key("file", "SHA-1:" + "A".repeat(40))).isEqualTo("file:sha1:" + "a".repeat(40));
    assertThat(key("SHA-256", "b".repeat(64))).isEqualTo("file:sha256:" + "b".repeat(64));
    assertThat(key("file", "c".repeat(128))).isEqualTo("file:sha512:" + "c".repeat(128));
    assertThat(key("sha3-256", "d".repeat(64))).isEqualTo("file:sha3-256:" + "d".repeat(64));
    assertThat(key("file", "3:abc:def")).isEqualTo("file:ssdeep:3:abc:def");
    assertThat(key("tlsh", "T1" + "A".repeat(70))).isEqualTo("file:tlsh:t1" + "a".repeat(70));
    assertThat(code("file", "abc")).isEqualTo(ObservableException.BAD_HASH);
    assertThat(code("md5", "a".repeat(40))).isEqualTo(ObservableException.BAD_HASH);
  }

  @Test
  void shouldKeyTheOtherTypes() throws ObservableException {
    assertThat(key("email-addr", "John.Doe@Example.ORG"))
        .isEqualTo("email-addr:john.doe@example.org");
    assertThat(key("email-addr", "john[at]example[.]org")).isEqualTo("email-addr:john@example.org");
    assertThat(key("email-addr", "mailto:x@bücher.example"))
        .isEqualTo("email-addr:x@xn--bcher-kva.example");
    assertThat(key("autonomous-system", "64500")).isEqualTo("autonomous-system:AS64500");
    assertThat(key("autonomous-system", "asn 64500")).isEqualTo("autonomous-system:AS64500");
    assertThat(key("autonomous-system", "AS1.10")).isEqualTo("autonomous-system:AS65546");
    assertThat(key("mac-addr", "00-1A-2B-3C-4D-5E")).isEqualTo("mac-addr:00:1a:2b:3c:4d:5e");
    assertThat(key("mac-addr", "001a.2b3c.4d5e")).isEqualTo("mac-addr:00:1a:2b:3c:4d:5e");
    assertThat(key("mac-addr", "0:1a:2b:3c:4d:5e")).isEqualTo("mac-addr:00:1a:2b:3c:4d:5e");
    assertThat(key("windows-registry-key", "hklm\\Software\\\\Microsoft\\Run\\"))
        .isEqualTo("windows-registry-key:HKEY_LOCAL_MACHINE\\software\\microsoft\\run");
    assertThat(key("win-registry-key", "HKEY_CURRENT_USER\\X"))
        .isEqualTo("windows-registry-key:HKEY_CURRENT_USER\\x");
  }

  @Test
  void shouldRejectBadValuesOfTheOtherTypes() {
    assertThat(code("email-addr", "no-at-sign")).isEqualTo(ObservableException.BAD_EMAIL);
    assertThat(code("email-addr", "a..b@example.org")).isEqualTo(ObservableException.BAD_EMAIL);
    assertThat(code("email-addr", "a b@example.org")).isEqualTo(ObservableException.BAD_EMAIL);
    assertThat(code("email-addr", "a@-x.org")).isEqualTo(ObservableException.BAD_EMAIL);
    assertThat(code("email-addr", "a".repeat(65) + "@example.org"))
        .isEqualTo(ObservableException.BAD_EMAIL);
    assertThat(code("autonomous-system", "AS4294967296")).isEqualTo(ObservableException.BAD_ASN);
    assertThat(code("autonomous-system", "AS65536.1")).isEqualTo(ObservableException.BAD_ASN);
    assertThat(code("autonomous-system", "ASX")).isEqualTo(ObservableException.BAD_ASN);
    assertThat(code("mac-addr", "00:1a:2b:3c:4d")).isEqualTo(ObservableException.BAD_MAC);
    assertThat(code("mac-addr", "00:1a-2b:3c:4d:5e")).isEqualTo(ObservableException.BAD_MAC);
    assertThat(code("windows-registry-key", "HKXX\\Software"))
        .isEqualTo(ObservableException.BAD_REGISTRY_KEY);
    assertThat(code("windows-registry-key", "HKLM\\" + "a".repeat(256)))
        .isEqualTo(ObservableException.BAD_REGISTRY_KEY);
    assertThat(code("windows-registry-key", "HKLM\\a\u0001b"))
        .isEqualTo(ObservableException.BAD_REGISTRY_KEY);
    assertThat(code("user-account", "root")).isEqualTo(ObservableException.UNKNOWN_TYPE);
    assertThat(code("pattern", "x")).isEqualTo(ObservableException.UNKNOWN_TYPE);
    assertThat(code("domain-name", "   ")).isEqualTo(ObservableException.EMPTY);
    assertThat(code("domain-name", "a".repeat(2000))).isEqualTo(ObservableException.TOO_LONG);
  }

  @Test
  void shouldDetectEachTypeFromText() throws ObservableException {
    assertThat(detect("198.51.100[.]7")).isEqualTo("ipv4-addr:198.51.100.7");
    assertThat(detect("10.0.0.0/8")).isEqualTo("ipv4-addr:10.0.0.0/8");
    assertThat(detect("2001:db8::1")).isEqualTo("ipv6-addr:2001:db8::1");
    assertThat(detect("Example[.]org")).isEqualTo("domain-name:example.org");
    assertThat(detect("hxxp://example[.]org")).isEqualTo("url:http://example.org/");
    assertThat(detect("example.org/login.php")).isEqualTo("url:http://example.org/login.php");
    assertThat(detect("198.51.100.7:8080")).isEqualTo("url:http://198.51.100.7:8080/");
    assertThat(detect("d41d8cd98f00b204e9800998ecf8427e"))
        .isEqualTo("file:md5:d41d8cd98f00b204e9800998ecf8427e");
    assertThat(detect("user[@]example.org")).isEqualTo("email-addr:user@example.org");
    assertThat(detect("AS64500")).isEqualTo("autonomous-system:AS64500");
    assertThat(detect("00:1A:2B:3C:4D:5E")).isEqualTo("mac-addr:00:1a:2b:3c:4d:5e");
    assertThat(detect("HKLM\\Software\\Run"))
        .isEqualTo("windows-registry-key:HKEY_LOCAL_MACHINE\\software\\run");
  }

  @Test
  void shouldSayWhenTextIsNoKnownObservable() {
    for (String raw : new String[] {"hello", "hello world.", "12345", "...."}) {
      ObservableException e =
          catchThrowableOfType(ObservableException.class, () -> canonicalizer.detect(raw));
      assertThat(e).as(raw).isNotNull();
      assertThat(e.code()).as(raw).isEqualTo(ObservableException.UNDETECTABLE);
    }
  }

  @Test
  void shouldKeySingleIdentifyingComparisonsByTheirObservable() throws Exception {
    assertThat(fromPattern("[ ipv4-addr:value = '10.0.0.0' ]")).isEqualTo("ipv4-addr:10.0.0.0");
    assertThat(fromPattern("[ipv4-addr:value = '112.64.0.0/15']"))
        .isEqualTo("ipv4-addr:112.64.0.0/15");
    assertThat(fromPattern("[domain-name:value = 'Circl.LU']")).isEqualTo("domain-name:circl.lu");
    assertThat(fromPattern("[url:value = 'http://x4z9arb.cn/4712/']"))
        .isEqualTo("url:http://x4z9arb.cn/4712/");
    assertThat(fromPattern("[file:hashes.'SHA-256' = '" + "E".repeat(64) + "']"))
        .isEqualTo("file:sha256:" + "e".repeat(64));
    assertThat(fromPattern("[file:hashes.md5 = '" + "a".repeat(32) + "']"))
        .isEqualTo("file:md5:" + "a".repeat(32));
    assertThat(fromPattern("[autonomous-system:number = 64500]"))
        .isEqualTo("autonomous-system:AS64500");
    assertThat(fromPattern("[win-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Foo']"))
        .isEqualTo("windows-registry-key:HKEY_LOCAL_MACHINE\\foo");
    assertThat(fromPattern("[email-addr:value = 'a@example.org']"))
        .isEqualTo("email-addr:a@example.org");
    assertThat(fromPattern("[mac-addr:value = '00:1a:2b:3c:4d:5e']"))
        .isEqualTo("mac-addr:00:1a:2b:3c:4d:5e");
  }

  @Test
  void shouldKeyEverythingElseByThePatternHash() throws Exception {
    String[] others = {
      "[ipv4-addr:value != '10.0.0.0']",
      "[ipv4-addr:value NOT = '10.0.0.0']",
      "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
      "[ipv4-addr:value = '10.0.0.0'] REPEATS 2 TIMES",
      "[file:name = 'a.exe']",
      "[file:hashes.'x-custom' = 'abc']",
      "[domain-name:value = 'circl.lu' AND domain-name:resolves_to_refs[*].value = '149.13.33.14']",
      "[network-traffic:dst_ref.value = '203.0.113.33/32']"
    };
    for (String p : others) {
      assertThat(fromPattern(p)).as(p).matches("pattern:[0-9a-f]{64}");
    }
    assertThat(fromPattern("[file:name = 'b' OR file:name = 'a']"))
        .isEqualTo(fromPattern("[file:name='a' OR file:'name'='b']"));
    assertThat(fromPattern("[file:name = 'a']")).isNotEqualTo(fromPattern("[file:name = 'b']"));
  }

  @Test
  void shouldRejectIdentifyingComparisonsWithBadValues() {
    String[][] cases = {
      {"[ipv4-addr:value = '2001:db8::1']", ObservableException.WRONG_IP_VERSION},
      {"[ipv4-addr:value = 10]", ObservableException.BAD_PATTERN},
      {"[autonomous-system:number = 'AS1']", ObservableException.BAD_PATTERN},
      {"[domain-name:value = 'domain autuo.xicp.net']", ObservableException.BAD_DOMAIN},
    };
    for (String[] c : cases) {
      ObservableException e =
          catchThrowableOfType(
              ObservableException.class,
              () -> canonicalizer.fromPattern(PatternParser.parse(c[0])));
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.code()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void shouldApplyConfiguredLimits() {
    Canonicalizer strict = new Canonicalizer(new ObservableLimits(30, 10));
    ObservableException e =
        catchThrowableOfType(
            ObservableException.class,
            () -> strict.canonical("url", "http://example.org/" + "a".repeat(20)));
    assertThat(e.code()).isEqualTo(ObservableException.TOO_LONG);
    e =
        catchThrowableOfType(
            ObservableException.class, () -> strict.canonical("domain-name", "abcdef.example"));
    assertThat(e.code()).isEqualTo(ObservableException.TOO_LONG);
  }
}

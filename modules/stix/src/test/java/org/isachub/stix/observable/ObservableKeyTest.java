package org.isachub.stix.observable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.isachub.stix.pattern.PatternParser;
import org.junit.jupiter.api.Test;

class ObservableKeyTest {

  private final Canonicalizer canonicalizer = new Canonicalizer();

  @Test
  void shouldPrintTypeColonValue() {
    assertThat(new ObservableKey("ipv6-addr", "2001:db8::1")).hasToString("ipv6-addr:2001:db8::1");
  }

  @Test
  void shouldParseCanonicalKeysBack() throws ObservableException {
    String[] keys = {
      "ipv4-addr:198.51.100.7",
      "ipv4-addr:10.0.0.0/8",
      "ipv6-addr:2001:db8::1",
      "domain-name:example.org",
      "url:http://example.org/a",
      "file:sha256:" + "a".repeat(64),
      "file:md5:" + "b".repeat(32),
      "email-addr:a@example.org",
      "autonomous-system:AS64500",
      "mac-addr:00:1a:2b:3c:4d:5e",
      "windows-registry-key:HKEY_LOCAL_MACHINE\\software",
      "pattern:" + "c".repeat(64)
    };
    for (String k : keys) {
      assertThat(ObservableKey.parse(k).toString()).isEqualTo(k);
    }
  }

  @Test
  void shouldRejectKeysThatAreMalformedOrNotCanonical() {
    String[] bad = {
      "",
      "ipv4-addr",
      "ipv4-addr:",
      ":x",
      "user-account:root",
      "ipv4-addr:198.51.100.7/32",
      "domain-name:Example.org",
      "url:http://example.org",
      "file:" + "a".repeat(64),
      "pattern:abc",
      "pattern:" + "C".repeat(64),
      "ipv4-addr:not-an-ip"
    };
    for (String k : bad) {
      ObservableException e =
          catchThrowableOfType(ObservableException.class, () -> ObservableKey.parse(k));
      assertThat(e).as(k).isNotNull();
      assertThat(e.code()).as(k).isEqualTo(ObservableException.BAD_KEY);
    }
    ObservableException e =
        catchThrowableOfType(
            ObservableException.class, () -> ObservableKey.parse("domain-name:Example.org"));
    assertThat(e.reason()).contains("domain-name:example.org");
  }

  @Test
  void shouldTurnKeysIntoPatternsThatKeyBackToThemselves() throws Exception {
    String[][] cases = {
      {"ipv4-addr:198.51.100.7", "[ipv4-addr:value = '198.51.100.7']"},
      {"file:sha256:" + "a".repeat(64), "[file:hashes.'SHA-256' = '" + "a".repeat(64) + "']"},
      {"autonomous-system:AS64500", "[autonomous-system:number = 64500]"},
      {
        "windows-registry-key:HKEY_LOCAL_MACHINE\\run",
        "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\run']"
      },
      {"url:http://example.org/it's", "[url:value = 'http://example.org/it\\'s']"},
    };
    for (String[] c : cases) {
      ObservableKey key = ObservableKey.parse(c[0]);
      assertThat(key.toPattern()).isEqualTo(c[1]);
      assertThat(canonicalizer.fromPattern(PatternParser.parse(key.toPattern()))).isEqualTo(key);
    }
  }

  @Test
  void shouldRefuseToInventAPatternForAPatternHash() {
    ObservableKey key = new ObservableKey(ObservableKey.PATTERN, "a".repeat(64));
    assertThat(key.isPatternHash()).isTrue();
    assertThatThrownBy(key::toPattern).isInstanceOf(UnsupportedOperationException.class);
  }
}

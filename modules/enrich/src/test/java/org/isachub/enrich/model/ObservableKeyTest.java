package org.isachub.enrich.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObservableKeyTest {

  @Test
  void shouldSplitAtTheFirstColonSoIpv6AndFileValuesStayWhole() {
    assertThat(ObservableKey.parse("ipv6-addr:2001:db8::1"))
        .isEqualTo(new ObservableKey("ipv6-addr", "2001:db8::1"));
    assertThat(ObservableKey.parse("file:sha256:abcd").type()).isEqualTo("file");
    assertThat(ObservableKey.parse("file:sha256:abcd").value()).isEqualTo("sha256:abcd");
    assertThat(ObservableKey.parse("url:http://example.org/a").toString())
        .isEqualTo("url:http://example.org/a");
  }

  @Test
  void shouldRejectKeyWithoutColon() {
    assertThatThrownBy(() -> ObservableKey.parse("example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type:value")
        .hasMessageContaining("example.org");
  }

  @Test
  void shouldRejectEmptyValueAndMalformedType() {
    assertThatThrownBy(() -> ObservableKey.parse("domain-name:"))
        .hasMessageContaining("empty value");
    assertThatThrownBy(() -> ObservableKey.parse("Domain Name:x"))
        .hasMessageContaining("'Domain Name'");
  }

  @Test
  void shouldParseAdmiraltyLettersAndRejectOthers() {
    assertThat(Admiralty.parse("b")).isEqualTo(Admiralty.B);
    assertThatThrownBy(() -> Admiralty.parse("G")).hasMessageContaining("'G'");
    assertThatThrownBy(() -> Admiralty.parse("AB")).hasMessageContaining("A to F");
  }
}

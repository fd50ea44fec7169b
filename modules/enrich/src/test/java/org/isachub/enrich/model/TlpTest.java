package org.isachub.enrich.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlpTest {

  @Test
  void shouldOrderMarkingsFromClearToRed() {
    assertThat(Tlp.values())
        .containsExactly(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED);
    assertThat(Tlp.GREEN.max(Tlp.AMBER)).isEqualTo(Tlp.AMBER);
    assertThat(Tlp.RED.max(Tlp.CLEAR)).isEqualTo(Tlp.RED);
  }

  @Test
  void shouldRestrictOnlyAmberStrictAndRedToRecipients() {
    assertThat(Tlp.AMBER_STRICT.isRecipientRestricted()).isTrue();
    assertThat(Tlp.RED.isRecipientRestricted()).isTrue();
    assertThat(Tlp.AMBER.isRecipientRestricted()).isFalse();
    assertThat(Tlp.CLEAR.isRecipientRestricted()).isFalse();
  }

  @Test
  void shouldParseLabelsIncludingAmberStrictSpellings() {
    assertThat(Tlp.parse("amber+strict")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.parse("AMBER_STRICT")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.parse(" Green ")).isEqualTo(Tlp.GREEN);
    assertThat(Tlp.AMBER_STRICT.label()).isEqualTo("AMBER+STRICT");
  }

  @Test
  void shouldRejectUnknownMarkingNamingIt() {
    assertThatThrownBy(() -> Tlp.parse("WHITE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'WHITE'");
  }

  @Test
  void shouldLetClearanceSeeItsTierAndBelowButNeverRecipientMarkings() {
    assertThat(Clearance.GREEN.permits(Tlp.CLEAR)).isTrue();
    assertThat(Clearance.GREEN.permits(Tlp.GREEN)).isTrue();
    assertThat(Clearance.GREEN.permits(Tlp.AMBER)).isFalse();
    assertThat(Clearance.AMBER.permits(Tlp.AMBER)).isTrue();
    assertThat(Clearance.AMBER.permits(Tlp.AMBER_STRICT)).isFalse();
    assertThat(Clearance.AMBER.permits(Tlp.RED)).isFalse();
    assertThat(Clearance.CLEAR.permits(Tlp.GREEN)).isFalse();
  }
}

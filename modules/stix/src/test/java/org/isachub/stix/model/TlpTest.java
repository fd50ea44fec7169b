package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlpTest {

  @Test
  void shouldMapTheTlp2MarkingIdsBothWays() {
    for (Tlp tlp : Tlp.values()) {
      assertThat(Tlp.fromMarkingRef(tlp.markingId())).contains(tlp);
    }
    assertThat(Tlp.AMBER_STRICT.markingId())
        .isEqualTo("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
    assertThat(Tlp.AMBER_STRICT.displayName()).isEqualTo("TLP:AMBER+STRICT");
  }

  @Test
  void shouldRecogniseTlp1IdsAndMapWhiteToClear() {
    assertThat(Tlp.fromMarkingRef("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"))
        .contains(Tlp.CLEAR);
    assertThat(Tlp.fromMarkingRef("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"))
        .contains(Tlp.RED);
    assertThat(Tlp.AMBER_STRICT.tlp1MarkingId()).isEmpty();
  }

  @Test
  void shouldNotTakeAnArbitraryMarkingForTlp() {
    assertThat(Tlp.fromMarkingRef("marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f"))
        .isEmpty();
  }

  @Test
  void shouldPickTheStrictestLevelAmongMarkings() {
    assertThat(
            Tlp.strictestOf(
                List.of(
                    Tlp.GREEN.markingId(),
                    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                    "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f")))
        .contains(Tlp.AMBER);
    assertThat(Tlp.strictestOf(List.of())).isEmpty();
    assertThat(Tlp.RED.isAtLeastAsRestrictiveAs(Tlp.AMBER_STRICT)).isTrue();
    assertThat(Tlp.GREEN.isAtLeastAsRestrictiveAs(Tlp.AMBER)).isFalse();
  }

  @Test
  void shouldParseLevelNames() {
    assertThat(Tlp.fromName("TLP:AMBER+STRICT")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.fromName("amber_strict")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.fromName("white")).isEqualTo(Tlp.CLEAR);
    assertThat(Tlp.fromName(" green ")).isEqualTo(Tlp.GREEN);
    assertThatThrownBy(() -> Tlp.fromName("purple"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a TLP level: 'purple'");
  }
}

package org.isachub.enrich.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContributionTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void shouldRejectConfidenceOutsideZeroToHundred() {
    assertThatThrownBy(() -> Contribution.builder("s1").confidence(101).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 100]")
        .hasMessageContaining("101")
        .hasMessageContaining("s1");
    assertThatThrownBy(() -> Contribution.builder("s1").confidence(-1).build())
        .hasMessageContaining("-1");
  }

  @Test
  void shouldRejectLastSeenBeforeFirstSeen() {
    assertThatThrownBy(() -> Contribution.builder("s1").seen(T, T.minusSeconds(1)).build())
        .hasMessageContaining("before first seen");
  }

  @Test
  void shouldRejectBlankSourceAndBlankRecipient() {
    assertThatThrownBy(() -> Contribution.builder(" ").build()).hasMessageContaining("blank");
    assertThatThrownBy(() -> Contribution.builder("s").tlp(Tlp.RED).recipients(" ").build())
        .hasMessageContaining("recipient ids must not be blank");
  }

  @Test
  void shouldNameRecipientsOnlyUnderRestrictedMarkings() {
    Contribution red = Contribution.builder("s").tlp(Tlp.RED).recipients("m1").build();
    Contribution amber = Contribution.builder("s").tlp(Tlp.AMBER).recipients("m1").build();
    assertThat(red.names("m1")).isTrue();
    assertThat(red.names("m2")).isFalse();
    assertThat(amber.names("m1")).isFalse();
  }

  @Test
  void shouldRejectSightingWithCountBelowOne() {
    assertThatThrownBy(() -> Sighting.of("m1", Tlp.GREEN, 0, T))
        .hasMessageContaining("at least 1")
        .hasMessageContaining("m1");
  }

  @Test
  void shouldRestrictSightingOnlyToRecipientMarkings() {
    Sighting s = Sighting.of("m1", Tlp.GREEN, 2, T).restrictedTo(Tlp.RED, Set.of("m2"));
    assertThat(s.names("m2")).isTrue();
    assertThat(s.tlp()).isEqualTo(Tlp.RED);
    assertThatThrownBy(() -> Sighting.of("m1", Tlp.GREEN, 2, T).restrictedTo(Tlp.AMBER, Set.of()))
        .hasMessageContaining("AMBER+STRICT or RED");
  }

  @Test
  void shouldRejectInputsWithMalformedKey() {
    assertThatThrownBy(() -> new IndicatorInputs("nocolon", List.of(), List.of()))
        .hasMessageContaining("type:value");
    assertThat(new IndicatorInputs("file:md5:00", List.of(), List.of()).observableType())
        .isEqualTo("file");
  }
}

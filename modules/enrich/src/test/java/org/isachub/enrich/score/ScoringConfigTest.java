package org.isachub.enrich.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.isachub.enrich.model.Admiralty;
import org.junit.jupiter.api.Test;

class ScoringConfigTest {

  private final ScoringConfig defaults = ScoringConfig.defaults();

  @Test
  void shouldUseDocumentedDecayDefaultsPerObservableType() {
    assertThat(defaults.decayFor("ipv4-addr")).isEqualTo(DecayProfile.ofDays(47, 1.65));
    assertThat(defaults.decayFor("ipv6-addr")).isEqualTo(DecayProfile.ofDays(47, 1.65));
    assertThat(defaults.decayFor("url")).isEqualTo(DecayProfile.ofDays(47, 1.65));
    assertThat(defaults.decayFor("domain-name")).isEqualTo(DecayProfile.ofDays(300, 2.1));
    assertThat(defaults.decayFor("file")).isEqualTo(DecayProfile.ofDays(460, 0.9));
    assertThat(defaults.decayFor("email-addr")).isEqualTo(DecayProfile.ofDays(470, 1.05));
    assertThat(defaults.decayFor("pattern")).isEqualTo(DecayProfile.ofDays(470, 1.05));
  }

  @Test
  void shouldUseDocumentedScoringDefaults() {
    assertThat(defaults.reliabilityByGrade())
        .containsEntry(Admiralty.A, 0.95)
        .containsEntry(Admiralty.B, 0.80)
        .containsEntry(Admiralty.C, 0.60)
        .containsEntry(Admiralty.D, 0.40)
        .containsEntry(Admiralty.E, 0.20)
        .containsEntry(Admiralty.F, 0.50);
    assertThat(defaults.defaultGrade()).isEqualTo(Admiralty.F);
    assertThat(defaults.defaultConfidence()).isEqualTo(50);
    assertThat(defaults.sightingBoost()).isEqualTo(0.10);
    assertThat(defaults.sightingCap()).isEqualTo(5);
    assertThat(defaults.falsePositivePenalty()).isEqualTo(0.50);
    assertThat(defaults.expiryFloor()).isEqualTo(10.0);
    assertThat(defaults.bands()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0);
  }

  @Test
  void shouldPreferSourceOverrideThenSubmittedGradeThenDefault() {
    ScoringConfig c = defaults.toBuilder().sourceGrade("trusted", Admiralty.A).build();
    assertThat(c.gradeFor("trusted", Admiralty.E)).isEqualTo(Admiralty.A);
    assertThat(c.gradeFor("other", Admiralty.E)).isEqualTo(Admiralty.E);
    assertThat(c.gradeFor("other", null)).isEqualTo(Admiralty.F);
  }

  @Test
  void shouldPreferSubmittedConfidenceThenSourceDefaultThenDefault() {
    ScoringConfig c = defaults.toBuilder().sourceDefaultConfidence("feed", 30).build();
    assertThat(c.confidenceFor("feed", 90)).isEqualTo(90);
    assertThat(c.confidenceFor("feed", null)).isEqualTo(30);
    assertThat(c.confidenceFor("other", null)).isEqualTo(50);
  }

  @Test
  void shouldPlaceScoresInBandsByLowerBound() {
    assertThat(defaults.bandOf(0)).isZero();
    assertThat(defaults.bandOf(19.999)).isZero();
    assertThat(defaults.bandOf(20)).isEqualTo(1);
    assertThat(defaults.bandOf(79.9)).isEqualTo(3);
    assertThat(defaults.bandOf(100)).isEqualTo(4);
  }

  @Test
  void shouldRejectReliabilityOutsideUnitInterval() {
    assertThatThrownBy(() -> defaults.toBuilder().reliability(Admiralty.C, 1.2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scoring config: reliabilityByGrade[C] must be in [0, 1], got 1.2");
  }

  @Test
  void shouldRejectReliabilityThatRisesFromAToE() {
    assertThatThrownBy(() -> defaults.toBuilder().reliability(Admiralty.D, 0.7).build())
        .hasMessageContaining("must not increase from A to E")
        .hasMessageContaining("D (0.7) is above C (0.6)");
  }

  @Test
  void shouldRejectMissingGrade() {
    java.util.Map<Admiralty, Double> grades =
        new java.util.EnumMap<>(defaults.reliabilityByGrade());
    grades.remove(Admiralty.F);
    assertThatThrownBy(
            () ->
                new ScoringConfig(
                    grades,
                    Admiralty.F,
                    java.util.Map.of(),
                    50,
                    java.util.Map.of(),
                    0.1,
                    5,
                    0.5,
                    java.util.Map.of(),
                    DecayProfile.ofDays(470, 1.05),
                    10,
                    List.of(0.0)))
        .hasMessageContaining("no value for grade F");
  }

  @Test
  void shouldRejectOutOfRangeConfidenceBoostPenaltyCapAndFloor() {
    assertThatThrownBy(() -> defaults.toBuilder().defaultConfidence(101).build())
        .hasMessage("scoring config: defaultConfidence must be in [0, 100], got 101");
    assertThatThrownBy(() -> defaults.toBuilder().sourceDefaultConfidence("f", -5).build())
        .hasMessageContaining("sourceDefaultConfidence[f]")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> defaults.toBuilder().sightingBoost(1.5).build())
        .hasMessageContaining("sightingBoost must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> defaults.toBuilder().sightingBoost(Double.NaN).build())
        .hasMessageContaining("sightingBoost");
    assertThatThrownBy(() -> defaults.toBuilder().sightingCap(-1).build())
        .hasMessageContaining("sightingCap must be at least 0, got -1");
    assertThatThrownBy(() -> defaults.toBuilder().falsePositivePenalty(-0.1).build())
        .hasMessageContaining("falsePositivePenalty");
    assertThatThrownBy(() -> defaults.toBuilder().expiryFloor(100).build())
        .hasMessageContaining("expiryFloor must be in [0, 100), got 100");
  }

  @Test
  void shouldRejectBandsNotStartingAtZeroOrNotIncreasing() {
    assertThatThrownBy(() -> defaults.toBuilder().bands(List.of(10.0, 20.0)).build())
        .hasMessageContaining("bands must start at 0");
    assertThatThrownBy(() -> defaults.toBuilder().bands(List.of(0.0, 50.0, 50.0)).build())
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> defaults.toBuilder().bands(List.of(0.0, 100.0)).build())
        .hasMessageContaining("below 100");
  }

  @Test
  void shouldRejectBlankSourceAndMalformedTypeKeys() {
    assertThatThrownBy(() -> defaults.toBuilder().sourceGrade("", Admiralty.A).build())
        .hasMessageContaining("sourceGrades has a blank source id");
    assertThatThrownBy(() -> defaults.toBuilder().decay("IPv4", DecayProfile.ofDays(1, 1)).build())
        .hasMessageContaining("malformed observable type 'IPv4'");
  }

  @Test
  void shouldRejectNonPositiveLifetimeAndSpeed() {
    assertThatThrownBy(() -> new DecayProfile(Duration.ZERO, 1))
        .hasMessageContaining("lifetime must be positive");
    assertThatThrownBy(() -> DecayProfile.ofDays(10, 0))
        .hasMessageContaining("speed must be a positive finite number, got 0.0");
    assertThatThrownBy(() -> DecayProfile.ofDays(10, Double.POSITIVE_INFINITY))
        .hasMessageContaining("speed");
  }
}

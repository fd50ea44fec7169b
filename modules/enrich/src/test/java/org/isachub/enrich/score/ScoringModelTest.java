package org.isachub.enrich.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.junit.jupiter.api.Test;

class ScoringModelTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final String KEY = "domain-name:bad.example-threat.net";

  private final ScoringModel model = new ScoringModel(ScoringConfig.defaults());

  private static Contribution from(String source, Admiralty grade, int confidence) {
    return Contribution.builder(source).reliability(grade).confidence(confidence).seen(T0).build();
  }

  private Score score(List<Contribution> contributions, List<Sighting> sightings) {
    return model.score(new IndicatorInputs(KEY, contributions, sightings), T0);
  }

  @Test
  void shouldComputeEvidenceAsReliabilityTimesConfidence() {
    Score s = score(List.of(from("s1", Admiralty.B, 75)), List.of());
    assertThat(s.evidence()).containsExactly(0.6);
    assertThat(s.corroboration()).isCloseTo(0.6, within(1e-12));
    assertThat(s.base()).isCloseTo(60.0, within(1e-9));
    assertThat(s.value()).isCloseTo(60.0, within(1e-9));
    assertThat(s.modelVersion()).isEqualTo("v1");
  }

  @Test
  void shouldCorroborateDistinctSourcesByNoisyOr() {
    Score s = score(List.of(from("s1", Admiralty.A, 80), from("s2", Admiralty.C, 50)), List.of());
    assertThat(s.evidence()).containsExactly(0.76, 0.3);
    assertThat(s.corroboration()).isCloseTo(1 - 0.24 * 0.7, within(1e-12));
  }

  @Test
  void shouldCountTheStrongestContributionOnceWhenOneSourceRepeatsItself() {
    Score s =
        score(
            List.of(
                from("s1", Admiralty.B, 50),
                from("s1", Admiralty.B, 90),
                from("s1", Admiralty.B, 70)),
            List.of());
    assertThat(s.evidence()).containsExactly(0.72);
    assertThat(s.corroboration()).isCloseTo(0.72, within(1e-12));
  }

  @Test
  void shouldFallBackToConfiguredGradeAndConfidence() {
    Contribution bare = Contribution.builder("feed").seen(T0).build();
    assertThat(model.evidence(bare)).isCloseTo(0.5 * 0.5, within(1e-12));
    ScoringModel tuned =
        new ScoringModel(
            ScoringConfig.defaults().toBuilder()
                .sourceGrade("feed", Admiralty.B)
                .sourceDefaultConfidence("feed", 90)
                .build());
    assertThat(tuned.evidence(bare)).isCloseTo(0.8 * 0.9, within(1e-12));
  }

  @Test
  void shouldLetSourceOverrideBeatTheSubmittedGrade() {
    ScoringModel tuned =
        new ScoringModel(
            ScoringConfig.defaults().toBuilder().sourceGrade("loud", Admiralty.E).build());
    assertThat(tuned.evidence(from("loud", Admiralty.A, 100))).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void shouldBoostByDistinctSightingMembersUpToTheCap() {
    Contribution c = from("s1", Admiralty.C, 50);
    List<Sighting> sevenMembers =
        List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7").stream()
            .map(m -> Sighting.of(m, Tlp.GREEN, 1, T0))
            .toList();
    Score capped = score(List.of(c), sevenMembers);
    assertThat(capped.sightingMembers()).isEqualTo(7);
    assertThat(capped.sightingFactor()).isCloseTo(1.5, within(1e-12));
    assertThat(capped.base()).isCloseTo(30 * 1.5, within(1e-9));
  }

  @Test
  void shouldNotBoostForRepeatedReportsOfOneMember() {
    Contribution c = from("s1", Admiralty.C, 50);
    Score s =
        score(
            List.of(c),
            List.of(Sighting.of("m1", Tlp.GREEN, 50, T0), Sighting.of("m1", Tlp.GREEN, 9, T0)));
    assertThat(s.sightingMembers()).isEqualTo(1);
    assertThat(s.sightingFactor()).isCloseTo(1.1, within(1e-12));
  }

  @Test
  void shouldHalveTheBaseForEachFalsePositiveMember() {
    Contribution c = from("s1", Admiralty.B, 75);
    Score s =
        score(
            List.of(c),
            List.of(
                Sighting.falsePositive("m1", Tlp.GREEN, T0),
                Sighting.falsePositive("m2", Tlp.GREEN, T0)));
    assertThat(s.falsePositiveMembers()).isEqualTo(2);
    assertThat(s.falsePositiveFactor()).isCloseTo(0.25, within(1e-12));
    assertThat(s.base()).isCloseTo(15.0, within(1e-9));
  }

  @Test
  void shouldJudgeAMemberByItsLatestReport() {
    Contribution c = from("s1", Admiralty.B, 75);
    Sighting early = Sighting.of("m1", Tlp.GREEN, 1, T0);
    Sighting laterFalsePositive = Sighting.falsePositive("m1", Tlp.GREEN, T0.plusSeconds(60));
    Score s = score(List.of(c), List.of(early, laterFalsePositive));
    assertThat(s.sightingMembers()).isZero();
    assertThat(s.falsePositiveMembers()).isEqualTo(1);
    Sighting sameInstantFalsePositive = Sighting.falsePositive("m1", Tlp.GREEN, T0);
    Score tie = score(List.of(c), List.of(early, sameInstantFalsePositive));
    assertThat(tie.falsePositiveMembers()).isEqualTo(1);
  }

  @Test
  void shouldCapTheBaseAtHundred() {
    List<Contribution> strong =
        List.of(
            from("s1", Admiralty.A, 100),
            from("s2", Admiralty.A, 100),
            from("s3", Admiralty.A, 100));
    List<Sighting> many =
        List.of(Sighting.of("m1", Tlp.GREEN, 1, T0), Sighting.of("m2", Tlp.GREEN, 1, T0));
    assertThat(score(strong, many).base()).isEqualTo(100.0);
  }

  @Test
  void shouldDecayFromTheLatestNonFalsePositiveSighting() {
    Contribution c = from("s1", Admiralty.B, 75);
    Instant sighted = T0.plus(Duration.ofDays(20));
    Instant falsePositive = T0.plus(Duration.ofDays(40));
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c),
            List.of(
                Sighting.of("m1", Tlp.GREEN, 1, sighted),
                Sighting.falsePositive("m2", Tlp.GREEN, falsePositive)));
    Score s = model.score(in, T0.plus(Duration.ofDays(80)));
    assertThat(s.referenceTime()).isEqualTo(sighted);
    double expectedDecay = 1 - Math.pow(60.0 / 300.0, 1 / 2.1);
    assertThat(s.decayFactor()).isCloseTo(expectedDecay, within(1e-12));
    assertThat(s.value()).isCloseTo(s.base() * expectedDecay, within(1e-9));
    assertThat(s.lifetime()).isEqualTo(Duration.ofDays(300));
    assertThat(s.speed()).isEqualTo(2.1);
  }

  @Test
  void shouldIgnoreWithdrawnContributionsForEvidenceAndValidity() {
    Contribution live =
        Contribution.builder("s1")
            .reliability(Admiralty.B)
            .confidence(75)
            .seen(T0)
            .validUntil(T0.plusSeconds(100))
            .build();
    Contribution gone =
        Contribution.builder("s2")
            .reliability(Admiralty.A)
            .confidence(100)
            .seen(T0.plusSeconds(50))
            .withdrawn(true)
            .build();
    Score s = score(List.of(live, gone), List.of());
    assertThat(s.evidence()).containsExactly(0.6);
    assertThat(s.referenceTime()).isEqualTo(T0);
    assertThat(s.validUntil()).isEqualTo(T0.plusSeconds(100));
  }

  @Test
  void shouldScoreZeroWhenEverySourceWithdrew() {
    Contribution gone = Contribution.builder("s2").seen(T0).withdrawn(true).build();
    Score s = score(List.of(gone), List.of(Sighting.of("m1", Tlp.GREEN, 1, T0)));
    assertThat(s.base()).isZero();
    assertThat(s.value()).isZero();
    assertThat(s.referenceTime()).isEqualTo(T0);
  }

  @Test
  void shouldMergeValidUntilAsUnlimitedWhenAnyLiveSourceHasNoLimit() {
    Contribution limited =
        Contribution.builder("s1").seen(T0).validUntil(T0.plusSeconds(10)).build();
    Contribution laterLimit =
        Contribution.builder("s2").seen(T0).validUntil(T0.plusSeconds(99)).build();
    Contribution unlimited = Contribution.builder("s3").seen(T0).build();
    assertThat(score(List.of(limited, laterLimit), List.of()).validUntil())
        .isEqualTo(T0.plusSeconds(99));
    assertThat(score(List.of(limited, unlimited), List.of()).validUntil()).isNull();
  }

  @Test
  void shouldRejectScoringWithoutContributions() {
    IndicatorInputs onlySightings =
        new IndicatorInputs(KEY, List.of(), List.of(Sighting.of("m1", Tlp.GREEN, 1, T0)));
    assertThatThrownBy(() -> model.score(onlySightings, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("no contributions");
  }

  @Test
  void shouldReproduceTheValueFromTheComponents() {
    Score s =
        model.score(
            new IndicatorInputs(
                "url:http://bad.example-threat.net/x",
                List.of(from("s1", Admiralty.B, 60), from("s2", Admiralty.D, 90)),
                List.of(
                    Sighting.of("m1", Tlp.GREEN, 3, T0),
                    Sighting.falsePositive("m2", Tlp.GREEN, T0))),
            T0.plus(Duration.ofDays(5)));
    double p = 1;
    for (double e : s.evidence()) {
      p *= 1 - e;
    }
    double base = Math.min(100, 100 * (1 - p) * s.sightingFactor() * s.falsePositiveFactor());
    double decay =
        1
            - Math.pow(
                Duration.between(s.referenceTime(), s.evaluatedAt()).toNanos()
                    / (double) s.lifetime().toNanos(),
                1 / s.speed());
    assertThat(s.value()).isCloseTo(base * decay, within(1e-9));
    assertThat(s.valueAt(s.evaluatedAt())).isCloseTo(s.value(), within(1e-12));
  }

  @Test
  void shouldEmitOnlyWhenTheBandOrExpiryChanges() {
    Contribution c = from("s1", Admiralty.B, 70);
    IndicatorInputs in = new IndicatorInputs("ipv4-addr:198.51.100.7", List.of(c), List.of());
    Score fresh = model.score(in, T0);
    Score slightlyOlder = model.score(in, T0.plus(Duration.ofHours(1)));
    Score muchOlder = model.score(in, T0.plus(Duration.ofDays(10)));
    assertThat(model.worthEmitting(null, fresh)).isTrue();
    assertThat(model.worthEmitting(fresh, slightlyOlder)).isFalse();
    assertThat(model.worthEmitting(fresh, muchOlder)).isTrue();
    Score expired = model.score(in, T0.plus(Duration.ofDays(40)));
    assertThat(model.band(expired.value())).isZero();
    assertThat(model.belowFloor(expired.value())).isTrue();
    Score lowBandNotExpired = model.score(in, T0.plus(Duration.ofDays(25)));
    assertThat(model.band(lowBandNotExpired.value())).isZero();
    assertThat(model.belowFloor(lowBandNotExpired.value())).isFalse();
    assertThat(model.worthEmitting(lowBandNotExpired, expired)).isTrue();
  }
}

package org.isachub.enrich.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.score.ScoringConfig;
import org.isachub.enrich.score.ScoringModel;
import org.junit.jupiter.api.Test;

class ClearancePolicyTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final String KEY = "domain-name:c2.example-threat.net";

  private final ClearancePolicy policy =
      new ClearancePolicy(new ScoringModel(ScoringConfig.defaults()));

  private static Contribution.Builder c(String source, Tlp tlp) {
    return Contribution.builder(source).reliability(Admiralty.B).confidence(50).tlp(tlp).seen(T0);
  }

  private Optional<ClearanceView> view(IndicatorInputs in, Audience a) {
    return policy.view(in, a, T0, Optional.empty());
  }

  @Test
  void shouldHideAmberContributionFromTheGreenTier() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY, List.of(c("vendor", Tlp.GREEN).build(), c("state", Tlp.AMBER).build()), List.of());
    ClearanceView green = view(in, Audience.tier(Clearance.GREEN)).orElseThrow();
    ClearanceView amber = view(in, Audience.tier(Clearance.AMBER)).orElseThrow();
    assertThat(green.sources()).extracting(VisibleSource::label).containsExactly("vendor");
    assertThat(green.score().evidence()).containsExactly(0.4);
    assertThat(green.marking()).isEqualTo(Tlp.GREEN);
    assertThat(amber.sources()).extracting(VisibleSource::label).containsExactly("state", "vendor");
    assertThat(amber.score().corroboration()).isCloseTo(1 - 0.6 * 0.6, within(1e-12));
    assertThat(amber.marking()).isEqualTo(Tlp.AMBER);
  }

  @Test
  void shouldNotExistForATierThatSeesNoContribution() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c("state", Tlp.AMBER).build()),
            List.of(Sighting.of("m1", Tlp.GREEN, 3, T0)));
    assertThat(view(in, Audience.tier(Clearance.GREEN))).isEmpty();
    assertThat(view(in, Audience.tier(Clearance.CLEAR))).isEmpty();
    assertThat(view(in, Audience.tier(Clearance.AMBER))).isPresent();
  }

  @Test
  void shouldShowRestrictedContributionsOnlyToNamedRecipients() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(
                c("vendor", Tlp.GREEN).build(),
                c("analyst", Tlp.RED).recipients("us-az").build(),
                c("state", Tlp.AMBER_STRICT).recipients("us-pa", "us-az").build()),
            List.of());
    ClearanceViews views =
        policy.views(in, T0, Optional.empty(), id -> Optional.of(Clearance.AMBER));
    assertThat(views.tier(Clearance.AMBER).orElseThrow().sources())
        .extracting(VisibleSource::label)
        .containsExactly("vendor");
    assertThat(views.recipients().keySet()).containsExactly("us-az", "us-pa");
    assertThat(views.recipients().get("us-az").sources())
        .extracting(VisibleSource::label)
        .containsExactly("analyst", "state", "vendor");
    assertThat(views.recipients().get("us-az").marking()).isEqualTo(Tlp.RED);
    assertThat(views.recipients().get("us-pa").sources())
        .extracting(VisibleSource::label)
        .containsExactly("state", "vendor");
    assertThat(views.recipients().get("us-pa").marking()).isEqualTo(Tlp.AMBER_STRICT);
  }

  @Test
  void shouldGiveARecipientOnlyItsOwnClearanceTierBesidesWhatNamesIt() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(
                c("state", Tlp.AMBER).build(),
                c("analyst", Tlp.RED).recipients("dauphin", "stranger").build()),
            List.of());
    ClearanceViews views =
        policy.views(
            in,
            T0,
            Optional.empty(),
            id -> Optional.ofNullable(Map.of("dauphin", Clearance.GREEN).get(id)));
    ClearanceView dauphin = views.recipients().get("dauphin");
    assertThat(dauphin.audience()).isEqualTo(Audience.recipient("dauphin", Clearance.GREEN));
    assertThat(dauphin.sources()).extracting(VisibleSource::label).containsExactly("analyst");
    ClearanceView stranger = views.recipients().get("stranger");
    assertThat(stranger.audience().clearance()).isEqualTo(Clearance.CLEAR);
    assertThat(stranger.sources()).extracting(VisibleSource::label).containsExactly("analyst");
  }

  @Test
  void shouldLabelAnonymousSourcesAsAMemberAndNeverShowTheirId() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c("us-pa", Tlp.GREEN).anonymous(true).build(), c("vendor", Tlp.GREEN).build()),
            List.of());
    ClearanceView green = view(in, Audience.tier(Clearance.GREEN)).orElseThrow();
    assertThat(green.sources())
        .extracting(VisibleSource::label)
        .containsExactly(ClearancePolicy.ANONYMOUS_LABEL, "vendor");
    assertThat(green.toString()).doesNotContain("us-pa");
  }

  @Test
  void shouldCountOnlyVisibleSightingsAndMarkTheViewByThem() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c("vendor", Tlp.GREEN).build()),
            List.of(
                Sighting.of("m1", Tlp.GREEN, 3, T0.plusSeconds(10)),
                Sighting.of("m2", Tlp.AMBER, 7, T0.plusSeconds(20)),
                Sighting.falsePositive("m3", Tlp.GREEN, T0.plusSeconds(30))));
    ClearanceView green = view(in, Audience.tier(Clearance.GREEN)).orElseThrow();
    assertThat(green.sightings())
        .isEqualTo(new SightingSummary(2, 3, 1, T0.plusSeconds(10), T0.plusSeconds(10)));
    assertThat(green.score().sightingMembers()).isEqualTo(1);
    assertThat(green.lastSeen()).isEqualTo(T0.plusSeconds(10));
    assertThat(green.marking()).isEqualTo(Tlp.GREEN);
    ClearanceView amber = view(in, Audience.tier(Clearance.AMBER)).orElseThrow();
    assertThat(amber.sightings().observations()).isEqualTo(10);
    assertThat(amber.score().sightingMembers()).isEqualTo(2);
    assertThat(amber.marking()).isEqualTo(Tlp.AMBER);
  }

  @Test
  void shouldDecidePerAudience() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c("vendor", Tlp.GREEN).withdrawn(true).build(), c("state", Tlp.AMBER).build()),
            List.of());
    ClearanceView green = view(in, Audience.tier(Clearance.GREEN)).orElseThrow();
    ClearanceView amber = view(in, Audience.tier(Clearance.AMBER)).orElseThrow();
    assertThat(green.decision().status()).isEqualTo(DecisionStatus.REVOKED);
    assertThat(green.sources().get(0).withdrawn()).isTrue();
    assertThat(green.sources().get(0).evidence()).isZero();
    assertThat(green.nextCrossing()).isNull();
    assertThat(amber.decision().status()).isEqualTo(DecisionStatus.ACTIVE);
    assertThat(amber.nextCrossing()).isAfter(T0);
  }

  @Test
  void shouldSuppressEveryViewOnAWarninglistHit() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY, List.of(c("vendor", Tlp.CLEAR).build(), c("s", Tlp.AMBER).build()), List.of());
    ClearanceViews views =
        policy.views(in, T0, Optional.of("top-platform-domains"), id -> Optional.empty());
    assertThat(views.tiers()).hasSize(3);
    assertThat(views.tiers().values())
        .allSatisfy(
            v -> assertThat(v.decision()).isEqualTo(Decision.suppressed("top-platform-domains")));
  }

  @Test
  void shouldMergeASourceOverItsVisibleContributions() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(
                c("vendor", Tlp.GREEN).confidence(20).seen(T0, T0.plusSeconds(5)).build(),
                c("vendor", Tlp.AMBER).confidence(90).seen(T0.minusSeconds(5), T0).build()),
            List.of());
    ClearanceView amber = view(in, Audience.tier(Clearance.AMBER)).orElseThrow();
    assertThat(amber.sources()).hasSize(1);
    VisibleSource vendor = amber.sources().get(0);
    assertThat(vendor.confidence()).isEqualTo(90);
    assertThat(vendor.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(vendor.firstSeen()).isEqualTo(T0.minusSeconds(5));
    assertThat(vendor.lastSeen()).isEqualTo(T0.plusSeconds(5));
    ClearanceView green = view(in, Audience.tier(Clearance.GREEN)).orElseThrow();
    assertThat(green.sources().get(0).confidence()).isEqualTo(20);
  }

  @Test
  void shouldGiveMembersTheirRecipientViewOrTheirTierView() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(
                c("vendor", Tlp.GREEN).build(), c("analyst", Tlp.RED).recipients("us-az").build()),
            List.of(
                Sighting.of("m1", Tlp.GREEN, 1, T0)
                    .restrictedTo(Tlp.AMBER_STRICT, Set.of("us-pa"))));
    ClearanceViews views =
        policy.views(in, T0, Optional.empty(), id -> Optional.of(Clearance.GREEN));
    assertThat(views.forMember("us-az", Clearance.GREEN).orElseThrow().sources()).hasSize(2);
    assertThat(views.forMember("us-pa", Clearance.GREEN).orElseThrow().sightings().reports())
        .isEqualTo(1);
    assertThat(views.forMember("other", Clearance.GREEN)).isEqualTo(views.tier(Clearance.GREEN));
    assertThat(views.forMember("other", Clearance.CLEAR)).isEmpty();
    assertThatThrownBy(() -> views.forMember("us-az", Clearance.AMBER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("computed for clearance GREEN");
  }

  @Test
  void shouldDecayEachViewFromItsOwnLatestSighting() {
    IndicatorInputs in =
        new IndicatorInputs(
            KEY,
            List.of(c("vendor", Tlp.GREEN).build()),
            List.of(Sighting.of("m1", Tlp.AMBER, 1, T0.plus(Duration.ofDays(30)))));
    Instant now = T0.plus(Duration.ofDays(31));
    ClearanceView green =
        policy.view(in, Audience.tier(Clearance.GREEN), now, Optional.empty()).orElseThrow();
    ClearanceView amber =
        policy.view(in, Audience.tier(Clearance.AMBER), now, Optional.empty()).orElseThrow();
    assertThat(green.score().referenceTime()).isEqualTo(T0);
    assertThat(amber.score().referenceTime()).isEqualTo(T0.plus(Duration.ofDays(30)));
  }
}

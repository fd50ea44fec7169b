package org.isachub.enrich.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.score.ScoringConfig;
import org.isachub.enrich.score.ScoringModel;

/** Derived data obeys TLP: a view depends on nothing its audience may not see. */
class ClearanceViewPropertiesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant NOW = T0.plusSeconds(30L * 86_400);
  private static final String KEY = "ipv4-addr:198.51.100.7";
  private static final List<String> MEMBERS = List.of("m1", "m2", "m3");

  private final ClearancePolicy policy =
      new ClearancePolicy(new ScoringModel(ScoringConfig.defaults()));

  @Property(tries = 400)
  void aViewIsUnchangedByMaterialItsAudienceMayNotSee(
      @ForAll("contributionLists") List<Contribution> contributions,
      @ForAll("sightingLists") List<Sighting> sightings,
      @ForAll("contributionLists") List<Contribution> moreContributions,
      @ForAll("sightingLists") List<Sighting> moreSightings,
      @ForAll("audiences") Audience audience,
      @ForAll("hits") Optional<String> hit) {
    IndicatorInputs visible =
        new IndicatorInputs(KEY, contributions, sightings)
            .filter(audience::maySee, audience::maySee);
    List<Contribution> allContributions = new ArrayList<>(visible.contributions());
    moreContributions.stream()
        .filter(c -> !audience.maySee(c))
        .forEach(c -> allContributions.add(0, c));
    List<Sighting> allSightings = new ArrayList<>(visible.sightings());
    moreSightings.stream().filter(s -> !audience.maySee(s)).forEach(allSightings::add);
    IndicatorInputs everything = new IndicatorInputs(KEY, allContributions, allSightings);

    assertThat(policy.view(everything, audience, NOW, hit))
        .isEqualTo(policy.view(visible, audience, NOW, hit));
  }

  @Property(tries = 300)
  void addingAmberOrRestrictedMaterialNeverChangesTheGreenView(
      @ForAll("contributionLists") List<Contribution> contributions,
      @ForAll("sightingLists") List<Sighting> sightings,
      @ForAll("contributions") Contribution extra,
      @ForAll("sightings") Sighting extraSighting) {
    Contribution amberOrAbove = withTlp(extra, Tlp.AMBER.max(extra.tlp()));
    Sighting restricted = extraSighting.restrictedTo(Tlp.RED, Set.copyOf(MEMBERS));
    IndicatorInputs base = new IndicatorInputs(KEY, contributions, sightings);
    List<Contribution> more = new ArrayList<>(contributions);
    more.add(amberOrAbove);
    List<Sighting> moreSightings = new ArrayList<>(sightings);
    moreSightings.add(restricted);
    IndicatorInputs added = new IndicatorInputs(KEY, more, moreSightings);
    Audience green = Audience.tier(Clearance.GREEN);

    assertThat(policy.view(added, green, NOW, Optional.empty()))
        .isEqualTo(policy.view(base, green, NOW, Optional.empty()));
  }

  @Property(tries = 400)
  void everyPartOfAViewComesFromVisibleMaterial(
      @ForAll("contributionLists") List<Contribution> contributions,
      @ForAll("sightingLists") List<Sighting> sightings,
      @ForAll("audiences") Audience audience) {
    IndicatorInputs in = new IndicatorInputs(KEY, contributions, sightings);
    List<Contribution> seen = contributions.stream().filter(audience::maySee).toList();
    List<Sighting> seenSightings = sightings.stream().filter(audience::maySee).toList();
    Optional<ClearanceView> maybe = policy.view(in, audience, NOW, Optional.empty());

    assertThat(maybe.isPresent()).isEqualTo(!seen.isEmpty());
    if (maybe.isEmpty()) {
      return;
    }
    ClearanceView view = maybe.get();
    Set<String> liveSources = new HashSet<>();
    seen.stream().filter(c -> !c.withdrawn()).forEach(c -> liveSources.add(c.sourceId()));
    assertThat(view.score().evidence()).hasSize(liveSources.size());
    assertThat(view.sightings().reports()).isEqualTo(seenSightings.size());
    for (VisibleSource source : view.sources()) {
      if (!source.label().equals(ClearancePolicy.ANONYMOUS_LABEL)) {
        List<Contribution> own =
            seen.stream().filter(c -> c.sourceId().equals(source.label())).toList();
        assertThat(own).isNotEmpty();
        assertThat(own).noneMatch(Contribution::anonymous);
      }
    }
    Set<String> anonymousOnly = new HashSet<>();
    contributions.stream()
        .filter(Contribution::anonymous)
        .forEach(c -> anonymousOnly.add(c.sourceId()));
    assertThat(view.sources())
        .extracting(VisibleSource::label)
        .allSatisfy(
            label ->
                assertThat(
                        label.equals(ClearancePolicy.ANONYMOUS_LABEL)
                            || seen.stream()
                                .filter(c -> c.sourceId().equals(label))
                                .noneMatch(Contribution::anonymous))
                    .isTrue());
    Tlp highest = Tlp.CLEAR;
    for (Contribution c : seen) {
      highest = highest.max(c.tlp());
    }
    for (Sighting s : seenSightings) {
      highest = highest.max(s.tlp());
    }
    assertThat(view.marking()).isEqualTo(highest);
    if (audience.recipient() == null) {
      assertThat(view.marking()).isLessThanOrEqualTo(audience.clearance().ceiling());
    }
  }

  private static Contribution withTlp(Contribution c, Tlp tlp) {
    return new Contribution(
        c.sourceId(),
        c.reliability(),
        c.confidence(),
        c.firstSeen(),
        c.lastSeen(),
        tlp,
        c.recipients(),
        c.anonymous(),
        c.withdrawn(),
        c.validUntil());
  }

  @Provide
  Arbitrary<Audience> audiences() {
    Arbitrary<Audience> tiers = Arbitraries.of(Clearance.class).map(Audience::tier);
    Arbitrary<Audience> recipients =
        Combinators.combine(Arbitraries.of(MEMBERS), Arbitraries.of(Clearance.class))
            .as(Audience::recipient);
    return Arbitraries.oneOf(tiers, recipients);
  }

  @Provide
  Arbitrary<Optional<String>> hits() {
    return Arbitraries.of(Optional.empty(), Optional.of("some-list"));
  }

  @Provide
  Arbitrary<List<Contribution>> contributionLists() {
    return contributions().list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Sighting>> sightingLists() {
    return sightings().list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<Contribution> contributions() {
    Arbitrary<String> source = Arbitraries.of("s1", "s2", "s3", "m1");
    Arbitrary<Admiralty> grade = Arbitraries.of(Admiralty.class).injectNull(0.2);
    Arbitrary<Integer> confidence = Arbitraries.integers().between(0, 100).injectNull(0.2);
    Arbitrary<Tlp> tlp = Arbitraries.of(Tlp.class);
    Arbitrary<Set<String>> recipients = Arbitraries.of(MEMBERS).set().ofMaxSize(3);
    Arbitrary<Integer> firstSeen = Arbitraries.integers().between(0, 40 * 86_400);
    Arbitrary<Integer> span = Arbitraries.integers().between(0, 5 * 86_400);
    Arbitrary<Integer> flags = Arbitraries.integers().between(0, 15);
    return Combinators.combine(source, grade, confidence, tlp, recipients, firstSeen, span, flags)
        .as(
            (s, g, c, t, r, f, d, bits) ->
                Contribution.builder(s)
                    .reliability(g)
                    .confidence(c)
                    .tlp(t)
                    .recipients(r)
                    .seen(T0.plusSeconds(f), T0.plusSeconds(f + (long) d))
                    .anonymous((bits & 1) != 0)
                    .withdrawn((bits & 6) == 6)
                    .validUntil((bits & 8) != 0 ? T0.plusSeconds(f + 20L * 86_400) : null)
                    .build());
  }

  @Provide
  Arbitrary<Sighting> sightings() {
    Arbitrary<String> member = Arbitraries.of("m1", "m2", "m3", "m4");
    Arbitrary<Tlp> tlp = Arbitraries.of(Tlp.class);
    Arbitrary<Set<String>> recipients = Arbitraries.of(MEMBERS).set().ofMaxSize(3);
    Arbitrary<Integer> count = Arbitraries.integers().between(1, 9);
    Arbitrary<Boolean> falsePositive = Arbitraries.of(true, false, false);
    Arbitrary<Integer> firstSeen = Arbitraries.integers().between(0, 40 * 86_400);
    Arbitrary<Integer> span = Arbitraries.integers().between(0, 5 * 86_400);
    return Combinators.combine(member, tlp, recipients, count, falsePositive, firstSeen, span)
        .as(
            (m, t, r, n, fp, f, d) ->
                new Sighting(m, t, r, n, fp, T0.plusSeconds(f), T0.plusSeconds(f + (long) d)));
  }
}

package org.isachub.enrich.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.score.Score;
import org.isachub.enrich.score.ScoringConfig;
import org.isachub.enrich.score.ScoringModel;
import org.isachub.enrich.warninglist.Warninglists;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recomputes the worked examples of docs/scoring.md and checks the figures printed there. */
class ScoringDocExamplesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static String doc;

  private final ScoringModel model = new ScoringModel(ScoringConfig.defaults());
  private final ClearancePolicy policy = new ClearancePolicy(model);
  private final Decider decider = new Decider(ScoringConfig.defaults());

  @BeforeAll
  static void readDoc() throws IOException {
    doc = Files.readString(Path.of("../../docs/scoring.md"), StandardCharsets.UTF_8);
  }

  private static String f(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** Asserts the computed figure is the documented one and that the document prints it. */
  private static void documented(String computed, String expected) {
    assertThat(computed).isEqualTo(expected);
    assertThat(doc).contains(expected);
  }

  private IndicatorInputs example1() {
    return new IndicatorInputs(
        "ipv4-addr:203.0.113.9",
        List.of(
            Contribution.builder("state-pa")
                .reliability(Admiralty.B)
                .confidence(75)
                .seen(T0)
                .build()),
        List.of());
  }

  @Test
  void shouldReproduceExampleOneWithItsCrossings() {
    Instant now = T0.plus(Duration.ofDays(10));
    Score s = model.score(example1(), now);
    documented(f("e = 0.80 · 75 / 100 = %.2f", s.evidence().get(0)), "e = 0.80 · 75 / 100 = 0.60");
    documented(f("B = %.2f", s.base()), "B = 60.00");
    documented(f("`%.4f`", s.decayFactor()), "`0.6086`");
    documented(f("S = %.2f", s.value()), "S = 36.51");
    assertThat(model.band(s.value())).isEqualTo(1);
    Instant first = model.nextCrossing(s, now).orElseThrow();
    documented(first.toString(), "2025-03-25T01:46:28.928Z");
    Instant second = model.nextCrossing(s, first).orElseThrow();
    documented(second.toString(), "2025-04-04T18:56:57.056Z");
    assertThat(decider.decide(example1().contributions(), s, second, Optional.empty()).status())
        .isEqualTo(DecisionStatus.EXPIRED);
    assertThat(model.nextCrossing(s, second)).isEmpty();
    assertThat(Duration.between(T0, first).toHours() / 24.0).isBetween(24.0, 24.1);
  }

  @Test
  void shouldReproduceExampleTwoWithSightingsAndAFalsePositive() {
    IndicatorInputs in =
        new IndicatorInputs(
            "domain-name:login-update.example-bad.net",
            List.of(
                Contribution.builder("analyst")
                    .reliability(Admiralty.A)
                    .confidence(80)
                    .seen(T0)
                    .build(),
                Contribution.builder("feed-x").seen(T0.minus(Duration.ofDays(3)), T0).build()),
            List.of(
                Sighting.of("us-pa", Tlp.GREEN, 4, T0.plus(Duration.ofDays(2))),
                Sighting.of("us-pa", Tlp.GREEN, 1, T0.plus(Duration.ofDays(3))),
                Sighting.of("us-az", Tlp.GREEN, 2, T0.plus(Duration.ofDays(4))),
                Sighting.of("us-pa-dauphin", Tlp.GREEN, 1, T0.plus(Duration.ofDays(4))),
                Sighting.falsePositive("vendor-acme", Tlp.GREEN, T0.plus(Duration.ofDays(3)))));
    Instant now = Instant.parse("2025-05-04T00:00:00Z");
    Score s = model.score(in, now);
    assertThat(s.evidence()).containsExactly(0.76, 0.25);
    documented(f("= %.2f`", s.corroboration()), "= 0.82`");
    documented(f("`F⁺ = %.2f`", s.sightingFactor()), "`F⁺ = 1.30`");
    documented(f("`F⁻ = %.2f`", s.falsePositiveFactor()), "`F⁻ = 0.50`");
    documented(f("= %.2f`", s.base()), "= 53.30`");
    documented(
        "reference time `" + s.referenceTime() + "`", "reference time `2025-03-05T00:00:00Z`");
    documented(f("`%.4f`", s.decayFactor()), "`0.5353`");
    documented(f("`S = %.2f`", s.value()), "`S = 28.53`");
    documented(model.nextCrossing(s, now).orElseThrow().toString(), "2025-06-24T17:15:20.855Z");
  }

  @Test
  void shouldReproduceExampleThreeAudienceByAudience() {
    IndicatorInputs in =
        new IndicatorInputs(
            "file:sha256:" + "5a".repeat(32),
            List.of(
                Contribution.builder("vendor-acme")
                    .reliability(Admiralty.C)
                    .confidence(60)
                    .tlp(Tlp.GREEN)
                    .seen(T0)
                    .build(),
                Contribution.builder("us-pa")
                    .reliability(Admiralty.B)
                    .confidence(90)
                    .tlp(Tlp.AMBER)
                    .anonymous(true)
                    .seen(T0)
                    .build(),
                Contribution.builder("analyst")
                    .reliability(Admiralty.A)
                    .confidence(70)
                    .tlp(Tlp.RED)
                    .recipients("us-az")
                    .seen(T0)
                    .build()),
            List.of());
    Instant now = T0.plus(Duration.ofDays(30));
    ClearanceViews amberCleared =
        policy.views(in, now, Optional.empty(), id -> Optional.of(Clearance.AMBER));
    ClearanceViews greenCleared =
        policy.views(
            in,
            now,
            Optional.empty(),
            id -> Optional.ofNullable(Map.of("us-az", Clearance.GREEN).get(id)));

    assertThat(amberCleared.tier(Clearance.CLEAR)).isEmpty();
    ClearanceView green = amberCleared.tier(Clearance.GREEN).orElseThrow();
    ClearanceView amber = amberCleared.tier(Clearance.AMBER).orElseThrow();
    ClearanceView usAz = amberCleared.recipients().get("us-az");
    ClearanceView usAzGreen = greenCleared.recipients().get("us-az");
    documented(f("`%.4f`", green.score().decayFactor()), "`0.9518`");
    documented(
        row("GREEN tier", green, "%.2f"),
        "| GREEN tier | vendor-acme | 0.36 | 36.00 | 34.27 | GREEN |");
    documented(
        row("AMBER tier", amber, "%.4f"),
        "| AMBER tier | a member, vendor-acme | 0.8208 | 82.08 | 78.13 | AMBER |");
    documented(
        row("us-az, cleared AMBER", usAz, "%.6f"),
        "| us-az, cleared AMBER | a member, analyst, vendor-acme | 0.939968 | 94.00 | 89.47 | RED |");
    documented(
        row("us-az, if cleared GREEN", usAzGreen, "%.4f"),
        "| us-az, if cleared GREEN | analyst, vendor-acme | 0.7856 | 78.56 | 74.78 | RED |");
    IndicatorInputs greenOnly = in.filter(c -> c.tlp() == Tlp.GREEN, s -> true);
    assertThat(policy.view(greenOnly, Audience.tier(Clearance.GREEN), now, Optional.empty()))
        .contains(green);
  }

  @Test
  void shouldSuppressExampleOneWithTheBundledLists() {
    Optional<String> hit = Warninglists.defaults().match(example1().key());
    Instant now = T0.plus(Duration.ofDays(10));
    Decision d = decider.decide(example1().contributions(), model.score(example1(), now), now, hit);
    documented("`SUPPRESSED(" + d.warninglist() + ")`", "`SUPPRESSED(iana-ipv4-special-purpose)`");
    assertThat(d.status()).isEqualTo(DecisionStatus.SUPPRESSED);
  }

  private static String row(String audience, ClearanceView v, String corroboration) {
    return "| "
        + audience
        + " | "
        + String.join(", ", v.sources().stream().map(VisibleSource::label).toList())
        + " | "
        + f(corroboration, v.score().corroboration())
        + " | "
        + f("%.2f", v.score().base())
        + " | "
        + f("%.2f", v.score().value())
        + " | "
        + v.marking().label()
        + " |";
  }
}

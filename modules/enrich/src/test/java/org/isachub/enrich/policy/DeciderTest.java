package org.isachub.enrich.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.score.Score;
import org.isachub.enrich.score.ScoringConfig;
import org.isachub.enrich.score.ScoringModel;
import org.junit.jupiter.api.Test;

class DeciderTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final String KEY = "ipv4-addr:198.51.100.7";

  private final ScoringModel model = new ScoringModel(ScoringConfig.defaults());
  private final Decider decider = new Decider(ScoringConfig.defaults());

  private Decision decide(List<Contribution> cs, Instant now, Optional<String> hit) {
    Score score = model.score(new IndicatorInputs(KEY, cs, List.of()), now);
    return decider.decide(cs, score, now, hit);
  }

  private static Contribution.Builder strong(String source) {
    return Contribution.builder(source).reliability(Admiralty.A).confidence(90).seen(T0);
  }

  @Test
  void shouldBeActiveWhenScoredAboveTheFloor() {
    Decision d = decide(List.of(strong("s1").build()), T0, Optional.empty());
    assertThat(d.status()).isEqualTo(DecisionStatus.ACTIVE);
    assertThat(d.isActive()).isTrue();
    assertThat(d.reason()).isEqualTo("score 85.50");
  }

  @Test
  void shouldRevokeWhenEverySourceWithdrew() {
    Decision d =
        decide(
            List.of(strong("s1").withdrawn(true).build(), strong("s2").withdrawn(true).build()),
            T0,
            Optional.of("some-list"));
    assertThat(d).isEqualTo(Decision.revoked());
  }

  @Test
  void shouldStayActiveWhileOneSourceRemains() {
    Decision d =
        decide(
            List.of(strong("s1").withdrawn(true).build(), strong("s2").build()),
            T0,
            Optional.empty());
    assertThat(d.status()).isEqualTo(DecisionStatus.ACTIVE);
  }

  @Test
  void shouldSuppressOnWarninglistHitEvenWhenExpired() {
    Decision d =
        decide(
            List.of(strong("s1").build()),
            T0.plus(Duration.ofDays(400)),
            Optional.of("public-dns"));
    assertThat(d.status()).isEqualTo(DecisionStatus.SUPPRESSED);
    assertThat(d.warninglist()).isEqualTo("public-dns");
  }

  @Test
  void shouldExpireWhenValidUntilPassed() {
    Instant validUntil = T0.plus(Duration.ofHours(1));
    Decision d =
        decide(List.of(strong("s1").validUntil(validUntil).build()), validUntil, Optional.empty());
    assertThat(d.status()).isEqualTo(DecisionStatus.EXPIRED);
    assertThat(d.reason()).contains("valid_until").contains(validUntil.toString());
  }

  @Test
  void shouldExpireWhenTheScoreDecaysBelowTheFloor() {
    Decision d =
        decide(List.of(strong("s1").build()), T0.plus(Duration.ofDays(46)), Optional.empty());
    assertThat(d.status()).isEqualTo(DecisionStatus.EXPIRED);
    assertThat(d.reason()).contains("below floor 10.00");
  }

  @Test
  void shouldExpireAWeakIndicatorAtOnce() {
    Contribution weak =
        Contribution.builder("s1").reliability(Admiralty.E).confidence(30).seen(T0).build();
    assertThat(decide(List.of(weak), T0, Optional.empty()).status())
        .isEqualTo(DecisionStatus.EXPIRED);
  }

  @Test
  void shouldRejectDecidingWithoutContributions() {
    Score score =
        model.score(new IndicatorInputs(KEY, List.of(strong("s1").build()), List.of()), T0);
    assertThatThrownBy(() -> decider.decide(List.of(), score, T0, Optional.empty()))
        .hasMessageContaining("no contributions");
  }

  @Test
  void shouldRejectSuppressionWithoutListAndListWithoutSuppression() {
    assertThatThrownBy(() -> new Decision(DecisionStatus.SUPPRESSED, null, "x"))
        .hasMessageContaining("exactly when it is SUPPRESSED");
    assertThatThrownBy(() -> new Decision(DecisionStatus.ACTIVE, "list", "x"))
        .hasMessageContaining("exactly when it is SUPPRESSED");
  }
}

package org.isachub.enrich.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecayProfileTest {

  private final DecayProfile ip = DecayProfile.ofDays(47, 1.65);

  @Test
  void shouldNotDecayBeforeOrAtTheReferenceTime() {
    assertThat(ip.factor(Duration.ZERO)).isEqualTo(1.0);
    assertThat(ip.factor(Duration.ofDays(-3))).isEqualTo(1.0);
  }

  @Test
  void shouldReachZeroAtTheLifetimeAndStayThere() {
    assertThat(ip.factor(Duration.ofDays(47))).isZero();
    assertThat(ip.factor(Duration.ofDays(400))).isZero();
  }

  @Test
  void shouldFollowThePolynomialFormula() {
    double expected = 1 - Math.pow(10.0 / 47.0, 1 / 1.65);
    assertThat(ip.factor(Duration.ofDays(10))).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shouldDropFasterAtFirstWithHigherSpeed() {
    DecayProfile fastStart = DecayProfile.ofDays(100, 2.0);
    DecayProfile slowStart = DecayProfile.ofDays(100, 0.5);
    assertThat(fastStart.factor(Duration.ofDays(25))).isCloseTo(0.5, within(1e-12));
    assertThat(slowStart.factor(Duration.ofDays(25))).isCloseTo(0.9375, within(1e-12));
    assertThat(DecayProfile.ofDays(100, 1).factor(Duration.ofDays(25)))
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void shouldInvertTheFormulaForATargetFactor() {
    double seconds = ip.secondsUntilFactor(0.25);
    long nanos = Math.round(seconds * 1e9);
    assertThat(ip.factor(Duration.ofNanos(nanos))).isCloseTo(0.25, within(1e-9));
  }
}

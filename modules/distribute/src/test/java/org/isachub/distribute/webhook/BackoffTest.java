package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff SCHEDULE =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), 2.0, 0.0);

  @Test
  void shouldDoubleFromTheInitialDelayUpToTheCap() {
    List<Long> delays = new ArrayList<>();
    for (int failed = 1; failed <= 7; failed++) {
      delays.add(SCHEDULE.delay(failed, () -> 0.99).toMillis());
    }
    assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L, 1_000L);
  }

  @Test
  void shouldStayAtTheCapWhenThePowerOverflows() {
    assertThat(SCHEDULE.nominal(5_000)).isEqualTo(Duration.ofMillis(1_000));
  }

  @Test
  void shouldFollowTheConfiguredSchedule() {
    Backoff b =
        new WebhookConfig(
                Map.of(
                    WebhookConfig.BACKOFF_INITIAL_MS_CONFIG, "50",
                    WebhookConfig.BACKOFF_MAX_MS_CONFIG, "400",
                    WebhookConfig.BACKOFF_MULTIPLIER_CONFIG, "3"))
            .backoff();
    assertThat(List.of(b.nominal(1), b.nominal(2), b.nominal(3), b.nominal(4)))
        .containsExactly(
            Duration.ofMillis(50),
            Duration.ofMillis(150),
            Duration.ofMillis(400),
            Duration.ofMillis(400));
  }

  @Property
  void shouldShortenByAtMostTheJitter(
      @ForAll @IntRange(min = 1, max = 40) int failed,
      @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double random) {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(60_000), 2.0, 0.25);
    long nominal = b.nominal(failed).toMillis();
    long delay = b.delay(failed, () -> random).toMillis();
    assertThat(delay).isBetween(Math.round(nominal * 0.75) - 1, nominal);
  }

  @Test
  void shouldRejectSchedulesThatMakeNoSense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
        .hasMessageContaining("initial backoff must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .hasMessageContaining("must not be shorter than the initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0))
        .hasMessageContaining("multiplier must be at least 1");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5))
        .hasMessageContaining("jitter must be within 0-1");
    assertThatThrownBy(() -> SCHEDULE.nominal(0)).hasMessageContaining("at least 1");
  }
}

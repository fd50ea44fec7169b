package org.isachub.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private void advanceSeconds(double seconds) {
    nanos.addAndGet((long) (seconds * 1e9));
  }

  @Test
  void shouldAllowABurstOfFailuresThenRefuseWithTheTimeUntilTheNextAttempt() {
    FailureLimiter limiter = new FailureLimiter(3, 6, nanos::get, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.check("198.51.100.7").refused()).as("attempt %d", i).isFalse();
      limiter.recordFailure("198.51.100.7");
    }
    FailureLimiter.Verdict refused = limiter.check("198.51.100.7");
    assertThat(refused.refused()).isTrue();
    // Six per minute: one attempt earned back every ten seconds.
    assertThat(refused.retryAfterSeconds()).isEqualTo(10);
    assertThat(refused.firstRefusal()).isTrue();
    assertThat(limiter.check("198.51.100.7").firstRefusal()).isFalse();
    // Other addresses are not affected.
    assertThat(limiter.check("198.51.100.8").refused()).isFalse();
  }

  @Test
  void shouldEarnAttemptsBackAtTheRefillRate() {
    FailureLimiter limiter = new FailureLimiter(2, 6, nanos::get, 100);
    limiter.recordFailure("a");
    limiter.recordFailure("a");
    advanceSeconds(4);
    assertThat(limiter.check("a").retryAfterSeconds()).isEqualTo(6);
    advanceSeconds(6);
    assertThat(limiter.check("a").refused()).isFalse();
    limiter.recordFailure("a");
    FailureLimiter.Verdict again = limiter.check("a");
    assertThat(again.refused()).isTrue();
    // A new lockout after being let in again is worth a new audit event.
    assertThat(again.firstRefusal()).isTrue();
    // Never more than the burst, however long the wait.
    advanceSeconds(TimeUnit.DAYS.toSeconds(1));
    limiter.recordFailure("a");
    limiter.recordFailure("a");
    assertThat(limiter.check("a").refused()).isTrue();
  }

  @Test
  void shouldBoundTheAddressesItTracksAndLimitTheOverflowTogether() {
    FailureLimiter limiter = new FailureLimiter(2, 6, nanos::get, 10);
    for (int i = 0; i < 10; i++) {
      limiter.recordFailure("10.0.0." + i);
    }
    // None has refilled, so new addresses share the overflow bucket.
    limiter.recordFailure("10.0.1.1");
    limiter.recordFailure("10.0.1.2");
    assertThat(limiter.tracked()).isEqualTo(11);
    assertThat(limiter.check("10.0.1.3").refused()).isTrue();
    // Once the tracked buckets have refilled they make room again.
    advanceSeconds(60);
    limiter.recordFailure("10.0.2.1");
    assertThat(limiter.tracked()).isLessThanOrEqualTo(10);
    assertThat(limiter.check("10.0.2.1").refused()).isFalse();
  }

  @Test
  void shouldRefuseNonsenseSettings() {
    assertThatThrownBy(() -> new FailureLimiter(0, 6, nanos::get, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailureLimiter(1, 0, nanos::get, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

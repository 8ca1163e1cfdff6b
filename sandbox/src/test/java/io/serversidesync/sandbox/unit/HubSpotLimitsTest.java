package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.sandbox.faults.RateLimitPolicy;
import io.serversidesync.sandbox.hubspot.limits.HubSpotRateLimiter;
import io.serversidesync.sandbox.hubspot.limits.RateLimitVerdict;
import io.serversidesync.sandbox.hubspot.limits.RollingWindow;
import io.serversidesync.sandbox.store.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HubSpotLimitsTest {

  @Test
  void aRollingWindowForgetsCallsOlderThanItsLength() {
    RollingWindow w = new RollingWindow(10_000);
    Instant t = Instant.parse("2026-12-04T00:00:00Z");
    assertThat(w.record(t)).isEqualTo(1);
    assertThat(w.record(t.plusMillis(5_000))).isEqualTo(2);
    assertThat(w.count(t.plusMillis(9_999))).isEqualTo(2);
    assertThat(w.count(t.plusMillis(10_000))).isEqualTo(1);
    assertThat(w.count(t.plusMillis(15_000))).isZero();
  }

  @Test
  void theLimiterReportsBurstDailyAndSecondlyPolicies() {
    SandboxClock clock = new SandboxClock();
    clock.freezeAt(Instant.parse("2026-12-04T12:00:00Z"));
    HubSpotRateLimiter limiter = new HubSpotRateLimiter(clock, 2, 10, ZoneId.of("Europe/Paris"));
    assertThat(limiter.countCall().exceeded()).isEmpty();
    RateLimitVerdict second = limiter.countCall();
    assertThat(second.exceeded()).isEmpty();
    assertThat(second.state().burstRemaining()).isZero();
    assertThat(second.state().dailyRemaining()).isEqualTo(8);
    assertThat(limiter.countCall().exceeded()).contains(RateLimitPolicy.TEN_SECONDLY_ROLLING);

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.countSearch().exceeded()).as("search %d", i).isEmpty();
    }
    assertThat(limiter.countSearch().exceeded()).contains(RateLimitPolicy.SECONDLY);
    assertThat(limiter.dailyUsed()).isEqualTo(9);
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.countCall().exceeded()).isEmpty();
    assertThat(limiter.countCall().exceeded()).contains(RateLimitPolicy.DAILY);

    // 23:00 in Paris is 22:00 UTC: the day turns an hour before UTC midnight
    clock.freezeAt(Instant.parse("2026-12-04T22:59:59Z"));
    assertThat(limiter.countCall().exceeded()).contains(RateLimitPolicy.DAILY);
    clock.freezeAt(Instant.parse("2026-12-04T23:00:00Z"));
    assertThat(limiter.countCall().exceeded()).isEmpty();
    assertThat(limiter.dailyUsed()).isEqualTo(1);
    limiter.setDailyUsed(10);
    assertThat(limiter.state().dailyRemaining()).isZero();
  }
}

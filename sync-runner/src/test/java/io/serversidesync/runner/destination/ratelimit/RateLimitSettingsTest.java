package io.serversidesync.runner.destination.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.v1alpha1.RateLimitSpec;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

  @Test
  void readsTheSpec() {
    RateLimitSpec spec = new RateLimitSpec();
    spec.setRequestsPerSecond(7);
    spec.setMaxConcurrent(3);
    spec.setDailyQuotaShare("35%");
    RateLimitSettings settings = RateLimitSettings.from(spec);
    assertThat(settings.requestsPerSecond()).isEqualTo(7);
    assertThat(settings.maxConcurrent()).isEqualTo(3);
    assertThat(settings.dailyQuotaShare()).isEqualTo(0.35);
    assertThat(settings.probeInterval()).isEqualTo(RateLimitSettings.DEFAULT_PROBE_INTERVAL);
  }

  @Test
  void aShareThatIsNotAPercentageIsRefusedWithTheField() {
    assertThatThrownBy(() -> RateLimitSettings.parsePercent("0.2"))
        .hasMessageContaining("spec.rateLimit.dailyQuotaShare")
        .hasMessageContaining("20%");
    assertThatThrownBy(() -> RateLimitSettings.parsePercent("0%"))
        .hasMessageContaining("between 1% and 100%");
    assertThat(RateLimitSettings.parsePercent("100%")).isEqualTo(1.0);
  }
}

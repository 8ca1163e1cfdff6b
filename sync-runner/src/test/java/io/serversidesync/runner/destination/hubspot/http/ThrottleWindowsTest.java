package io.serversidesync.runner.destination.hubspot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.hubspot.http.ThrottleWindows.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleWindowsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T21:30:00Z");

  @Test
  void theBurstWindowLastsTheIntervalTheHeadersDeclareElseTenSeconds() {
    ThrottleWindows windows = new ThrottleWindows(ZoneOffset.UTC);

    assertThat(
            windows.resumeAt(
                Policy.TEN_SECONDLY_ROLLING, NOW, Optional.of(Duration.ofMillis(10_000))))
        .isEqualTo(NOW.plusSeconds(10));
    assertThat(windows.resumeAt(Policy.TEN_SECONDLY_ROLLING, NOW, Optional.empty()))
        .isEqualTo(NOW.plusSeconds(10));
    assertThat(windows.resumeAt(Policy.SECONDLY, NOW, Optional.empty()))
        .isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void theDailyLimitLastsUntilMidnightInTheAccountsTimeZone() {
    // 21:30 UTC is 16:30 in New York (EST, UTC-5): its midnight is 05:00 UTC the next day.
    assertThat(
            new ThrottleWindows(ZoneId.of("America/New_York"))
                .resumeAt(Policy.DAILY, NOW, Optional.empty()))
        .isEqualTo(Instant.parse("2026-12-05T05:00:00Z"));
    // 21:30 UTC is already 06:30 the next day in Tokyo: its next midnight is 15:00 UTC on the 5th.
    assertThat(new ThrottleWindows(ZoneId.of("Asia/Tokyo")).nextMidnight(NOW))
        .isEqualTo(Instant.parse("2026-12-05T15:00:00Z"));
    assertThat(new ThrottleWindows(ZoneOffset.UTC).nextMidnight(NOW))
        .isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
  }

  @Test
  void policiesAreReadAsHubSpotNamesThemAndUnknownOnesAreNotGuessed() {
    assertThat(Policy.named("TEN_SECONDLY_ROLLING")).contains(Policy.TEN_SECONDLY_ROLLING);
    assertThat(Policy.named("secondly")).contains(Policy.SECONDLY);
    assertThat(Policy.named("DAILY")).contains(Policy.DAILY);
    assertThat(Policy.named("")).isEmpty();
    assertThat(Policy.named("MINUTELY")).isEmpty();
  }
}

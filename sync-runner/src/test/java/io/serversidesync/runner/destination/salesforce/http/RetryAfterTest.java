package io.serversidesync.runner.destination.salesforce.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("30", NOW)).contains(NOW.plusSeconds(30));
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 10:02:00 GMT", NOW))
        .contains(NOW.plusSeconds(120));
  }

  @Test
  void pastDatesMeanNowAndAbsurdDelaysAreCapped() {
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:00 GMT", NOW)).contains(NOW);
    assertThat(RetryAfter.parse("999999999999999999999", NOW))
        .contains(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
  }
}

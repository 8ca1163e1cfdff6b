package io.serversidesync.runner.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParentWaitTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  @Test
  void theFirstFailureOpensTheWindowAndTriesAgainSoon() {
    ParentWait.Next next = ParentWait.next(null, 1, TEN_MINUTES, T0);
    assertThat(next.retryUntil()).isEqualTo(T0.plus(TEN_MINUTES));
    assertThat(next.retryAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(next.givenUp()).isFalse();
  }

  @Test
  void laterTriesBackOffUpToTwoMinutesAndKeepTheWindow() {
    Instant until = T0.plus(TEN_MINUTES);
    assertThat(ParentWait.next(until, 3, TEN_MINUTES, T0.plusSeconds(30)).retryAt())
        .isEqualTo(T0.plusSeconds(38));
    ParentWait.Next late = ParentWait.next(until, 12, TEN_MINUTES, T0.plusSeconds(100));
    assertThat(late.retryAt()).isEqualTo(T0.plusSeconds(220));
    assertThat(late.retryUntil()).isEqualTo(until);
  }

  @Test
  void theLastTryIsAtTheEndOfTheWindowThenItGivesUp() {
    Instant until = T0.plus(TEN_MINUTES);
    assertThat(ParentWait.next(until, 9, TEN_MINUTES, until.minusSeconds(30)).retryAt())
        .isEqualTo(until);
    ParentWait.Next over = ParentWait.next(until, 10, TEN_MINUTES, until);
    assertThat(over.givenUp()).isTrue();
    assertThat(over.retryUntil()).isEqualTo(until);
  }

  @Test
  void aShortWindowStillGetsATryAtItsEnd() {
    ParentWait.Next next = ParentWait.next(null, 1, Duration.ofSeconds(1), T0);
    assertThat(next.retryAt()).isEqualTo(T0.plusSeconds(1));
  }
}

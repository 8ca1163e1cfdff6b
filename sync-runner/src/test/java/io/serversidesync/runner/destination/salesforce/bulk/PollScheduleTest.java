package io.serversidesync.runner.destination.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  private final PollSchedule schedule = new PollSchedule(BulkSettings.DEFAULT);

  @Test
  void aSmallJobIsFirstAskedAboutAfterFirstPoll() {
    assertThat(schedule.first(2_001)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aLargeJobIsFirstAskedAboutWhenItsRecordsCouldBeDoneAtTheAssumedRate() {
    assertThat(schedule.first(100_000)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void theFirstWaitNeverPassesLongestPoll() {
    assertThat(schedule.first(1_000_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void progressSetsTheNextPollAtTheExtrapolatedEndWithAMargin() {
    // 20,000 of 100,000 in 10 s: 40 s to go, 46 s with the margin, held to longestPoll.
    assertThat(schedule.next(Duration.ofSeconds(10), Duration.ofSeconds(10), 20_000, 100_000))
        .isEqualTo(Duration.ofSeconds(30));
    // 80,000 of 100,000 in 20 s: 5 s to go, 5.75 s with the margin.
    assertThat(schedule.next(Duration.ofSeconds(20), Duration.ofSeconds(20), 80_000, 100_000))
        .isEqualTo(Duration.ofMillis(5_750));
  }

  @Test
  void almostDoneStillWaitsFirstPoll() {
    assertThat(schedule.next(Duration.ofSeconds(20), Duration.ofSeconds(20), 99_999, 100_000))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void withoutProgressTheWaitsGrow() {
    assertThat(schedule.next(Duration.ofSeconds(2), Duration.ofSeconds(3), 0, 100_000))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(schedule.next(Duration.ofSeconds(2), Duration.ofSeconds(3), -1, 100_000))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aReportThatSaysEverythingIsProcessedButNotFinishedFallsBackToGrowth() {
    // The job is still writing results: the state, not the count, says when it is done.
    assertThat(schedule.next(Duration.ofSeconds(2), Duration.ofSeconds(3), 100_000, 100_000))
        .isEqualTo(Duration.ofSeconds(3));
  }
}

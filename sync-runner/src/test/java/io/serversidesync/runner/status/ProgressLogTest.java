package io.serversidesync.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

  private final RunnerMetricsTest.MutableClock clock =
      new RunnerMetricsTest.MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final ProgressLog log = new ProgressLog(Duration.ofSeconds(30), clock);

  @Test
  void oneSnapshotLinePerIntervalWithTheShareOfTheEstimateAndTheRate() {
    assertThat(log.snapshot(1_000, 1_000_000)).as("the first look only starts the clock").isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(log.snapshot(100_000, 1_000_000)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(log.snapshot(121_000, 1_000_000))
        .hasValue("initial snapshot: 121,000 rows read of about 1,000,000 (12%), 4,000 rows/s");
    clock.advance(Duration.ofSeconds(10));
    assertThat(log.snapshot(130_000, 1_000_000)).isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(log.snapshot(130_000, -1))
        .hasValue(
            "initial snapshot: 130,000 rows read (no estimate: the table was never analyzed),"
                + " 300 rows/s");
  }

  @Test
  void catchUpLinesSayWhatIsLeftAndHowFastItGoes() {
    assertThat(log.catchUp(0, 1L << 30)).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(log.catchUp(300L << 20, 724L << 20))
        .hasValue(
            "catching up: 724.0 MiB of WAL written while the runner was away still to read,"
                + " 10.0 MiB/s");
  }
}

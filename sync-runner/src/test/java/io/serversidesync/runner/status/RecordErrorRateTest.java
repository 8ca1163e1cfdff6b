package io.serversidesync.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A sustained record error rate makes a streaming runner not ready, and clears by itself. */
class RecordErrorRateTest {

  private final Instant t0 = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void mostRecordsFailingOverTheWindowIsSustained() {
    RecordErrorRate rate = new RecordErrorRate();
    rate.written(5, t0);
    rate.failed(25, t0.plusSeconds(30));
    assertThat(rate.sustained(t0.plusSeconds(60)))
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("25 of 30 records in the last 5 minutes"));
  }

  @Test
  void aFewErrorsOrAMinorityAreNot() {
    RecordErrorRate few = new RecordErrorRate();
    few.failed(RecordErrorRate.MIN_ERRORS - 1, t0);
    assertThat(few.sustained(t0)).isEmpty();

    RecordErrorRate minority = new RecordErrorRate();
    minority.failed(30, t0);
    minority.written(31, t0);
    assertThat(minority.sustained(t0)).isEmpty();
  }

  @Test
  void errorsOlderThanTheWindowNoLongerCount() {
    RecordErrorRate rate = new RecordErrorRate();
    rate.failed(100, t0);
    assertThat(rate.sustained(t0.plus(Duration.ofMinutes(4)))).isPresent();
    assertThat(rate.sustained(t0.plus(Duration.ofMinutes(5)).plusSeconds(10))).isEmpty();
    // a bucket reused after the window starts from zero
    rate.written(1, t0.plus(Duration.ofMinutes(5)));
    assertThat(rate.sustained(t0.plus(Duration.ofMinutes(5)))).isEmpty();
  }

  /**
   * A text column mapped to a date field fails every record while the stream is healthy: the status
   * says so (and the operator shows Stalled) until the errors age out of the window.
   */
  @Test
  void theStatusOfAStreamingRunnerWhoseRecordsAllFail() {
    MovableClock clock = new MovableClock();
    RunnerState state = new RunnerState("s", clock);
    state.phase(Phase.Streaming, true, "Streaming", "streaming changes");
    state.addRecordErrors(40);
    RunnerStatus failing = state.snapshot();
    assertThat(failing.ready()).isFalse();
    assertThat(state.ready()).isFalse();
    assertThat(failing.phase()).isEqualTo(Phase.Streaming);
    assertThat(failing.reason()).isEqualTo("RecordErrorRate");
    assertThat(failing.message()).contains("40 of 40 records").contains("errors list");

    clock.advance(Duration.ofMinutes(6));
    RunnerStatus later = state.snapshot();
    assertThat(later.ready()).isTrue();
    assertThat(later.reason()).isEqualTo("Streaming");
  }
}

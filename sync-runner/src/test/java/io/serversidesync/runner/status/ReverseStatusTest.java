package io.serversidesync.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.ReverseCounters;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReverseStatusTest {

  @Test
  void aOneWaySyncHasNoReverseBlock() {
    RunnerState state = new RunnerState("one-way");
    assertThat(state.snapshot().reverse()).isNull();
    assertThat(new RunnerMetrics(state).scrape()).doesNotContain("serversidesync_reverse");
  }

  @Test
  void theReverseCountersReachStatusAndMetrics() {
    RunnerState state = new RunnerState("two-way");
    ReverseStats reverse = state.enableReverse();
    RunnerMetrics metrics = new RunnerMetrics(state);
    reverse.read(12);
    reverse.applied(5);
    reverse.conflicts(2);
    reverse.skipped("empty_external_id", 3);
    reverse.idsWritten(7);
    reverse.polled(Instant.parse("2026-01-01T10:00:00Z"));

    assertThat(state.snapshot().reverse())
        .isEqualTo(new ReverseCounters(12, 5, 2, 3, "2026-01-01T10:00:00Z"));
    String scrape = metrics.scrape();
    assertThat(scrape)
        .contains("serversidesync_reverse_records_read_total{sync=\"two-way\"} 12.0")
        .contains("serversidesync_reverse_rows_applied_total{sync=\"two-way\"} 5.0")
        .contains("serversidesync_reverse_conflicts_total{sync=\"two-way\"} 2.0")
        .contains(
            "serversidesync_reverse_records_skipped_total{reason=\"empty_external_id\",sync=\"two-way\"} 3.0")
        .contains(
            "serversidesync_reverse_records_skipped_total{reason=\"deleted_in_postgres\",sync=\"two-way\"} 0.0")
        .contains("serversidesync_reverse_ids_written_total{sync=\"two-way\"} 7.0")
        .contains("serversidesync_reverse_polls_total{sync=\"two-way\"} 1.0")
        .contains(
            "serversidesync_reverse_last_poll_timestamp_seconds{sync=\"two-way\"} 1.7672616E9");
  }
}

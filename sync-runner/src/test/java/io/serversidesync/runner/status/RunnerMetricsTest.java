package io.serversidesync.runner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunnerMetricsTest {

  @Test
  void countersKeepCountingAfterGarbageCollection() {
    RunnerState state = new RunnerState("contacts");
    RunnerMetrics metrics = new RunnerMetrics(state);
    WeakReference<Object> sentinel = new WeakReference<>(new Object());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return sentinel.get() == null;
            });
    state.flushed();
    state.addRecordsWritten(7);
    state.addChangesCaptured(9);
    state.apiCall();
    state.retried();
    state.addRecordErrors(2);
    assertThat(metrics.scrape())
        .contains("serversidesync_flushes_total{sync=\"contacts\"} 1.0")
        .contains("serversidesync_records_written_total{sync=\"contacts\"} 7.0")
        .contains("serversidesync_changes_captured_total{sync=\"contacts\"} 9.0")
        .contains("serversidesync_api_calls_total{sync=\"contacts\"} 1.0")
        .contains("serversidesync_retries_total{sync=\"contacts\"} 1.0")
        .contains("serversidesync_record_errors_total{sync=\"contacts\"} 2.0");
  }
}

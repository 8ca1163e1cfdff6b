package io.serversidesync.runner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

  /** What an operator needs to see a runner's health from Prometheus alone. */
  @Test
  void histogramsQuotaSnapshotProgressAndTheJvmAreExposed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    RunnerState state = new RunnerState("contacts", clock);
    RunnerMetrics metrics = new RunnerMetrics(state);
    String before = metrics.scrape();
    assertThat(before)
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads")
        .contains("process_cpu_usage")
        .contains("process_uptime_seconds")
        .contains("serversidesync_destination_quota_remaining{sync=\"contacts\"} NaN")
        .contains("serversidesync_last_change_age_seconds{sync=\"contacts\"} NaN");

    RunnerTelemetry telemetry = new RunnerTelemetry(state);
    telemetry.apiCall("collections-upsert", 200);
    telemetry.apiCallTook("collections-upsert", Duration.ofMillis(240));
    telemetry.quota(120, 15_000);
    state.meters().flushed(180);
    // a flush whose oldest change committed 5 s before it was acknowledged
    long commitMicros = clock.millis() * 1000 - RunnerMeters.PG_EPOCH_MICROS - 5_000_000;
    state.meters().acknowledgedCommit(commitMicros);
    state.snapshotProgress(40_000, 1_000_000);
    state.addChangesCaptured(3);
    clock.advance(Duration.ofSeconds(12));

    String after = metrics.scrape();
    assertThat(after)
        .contains(
            "serversidesync_api_call_duration_seconds_count{endpoint=\"collections-upsert\","
                + "sync=\"contacts\"} 1")
        .contains(
            "serversidesync_api_call_duration_seconds_bucket{endpoint=\"collections-upsert\",")
        .contains("serversidesync_flush_records_bucket{sync=\"contacts\",le=\"200.0\"} 1")
        .contains("serversidesync_flush_records_bucket{sync=\"contacts\",le=\"50.0\"} 0")
        .contains("serversidesync_commit_to_ack_seconds_sum{sync=\"contacts\"} 5.0")
        .contains("serversidesync_destination_quota_remaining{sync=\"contacts\"} 14880.0")
        .contains("serversidesync_destination_quota_limit{sync=\"contacts\"} 15000.0")
        .contains("serversidesync_snapshot_rows_read{sync=\"contacts\"} 40000.0")
        .contains("serversidesync_snapshot_rows_estimated{sync=\"contacts\"} 1000000.0")
        .contains("serversidesync_last_change_age_seconds{sync=\"contacts\"} 12.0");
  }

  /**
   * The dashboard's throttled time, errors by code and quota share, and the sync on the JVM's
   * meters (alerts on memory or restarts name the sync).
   */
  @Test
  void throttledTimeErrorsByCodeQuotaShareAndTheSyncOnJvmMeters() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    RunnerState state = new RunnerState("contacts", clock);
    RunnerMetrics metrics = new RunnerMetrics(state);
    RunnerTelemetry telemetry = new RunnerTelemetry(state);
    assertThat(metrics.scrape())
        .contains("serversidesync_throttled_seconds_total{sync=\"contacts\"} 0.0")
        .contains("serversidesync_destination_quota_share{sync=\"contacts\"} NaN")
        .containsPattern("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\",sync=\"contacts\"}")
        .containsPattern("process_start_time_seconds\\{sync=\"contacts\"}");

    telemetry.quotaShare(0.2);
    state.phase(io.serversidesync.api.v1alpha1.Phase.Streaming, true, "Streaming", "ok");
    telemetry.throttled(clock.instant().plusSeconds(30), "rate limit");
    clock.advance(Duration.ofSeconds(4));
    // the throttle under way counts
    assertThat(metrics.scrape())
        .contains("serversidesync_throttled_seconds_total{sync=\"contacts\"} 4.0");
    telemetry.throttled(clock.instant().plusSeconds(30), "still limited"); // not a second start
    clock.advance(Duration.ofSeconds(6));
    telemetry.resumed();
    clock.advance(Duration.ofSeconds(100)); // writing: not counted
    telemetry.throttled(clock.instant().plusSeconds(30), "quota");
    clock.advance(Duration.ofSeconds(2));
    state.phase(io.serversidesync.api.v1alpha1.Phase.Failed, false, "Failed", "stopped");
    clock.advance(Duration.ofSeconds(50));
    state.meters().recordFailed("STRING_TOO_LONG");
    state.meters().recordFailed("STRING_TOO_LONG");
    state.meters().recordFailed(null);

    assertThat(metrics.scrape())
        .contains("serversidesync_throttled_seconds_total{sync=\"contacts\"} 12.0")
        .contains("serversidesync_destination_quota_share{sync=\"contacts\"} 0.2")
        .contains(
            "serversidesync_record_failures_total{code=\"STRING_TOO_LONG\",sync=\"contacts\"} 2.0")
        .contains("serversidesync_record_failures_total{code=\"UNKNOWN\",sync=\"contacts\"} 1.0");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

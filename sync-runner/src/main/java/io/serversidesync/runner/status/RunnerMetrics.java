package io.serversidesync.runner.status;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.serversidesync.api.v1alpha1.Phase;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics named serversidesync_*, read from {@link RunnerState} when scraped, so the hot
 * path only bumps atomics.
 */
public final class RunnerMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public RunnerMetrics(RunnerState state) {
    Tags tags = Tags.of("sync", state.sync());
    // the JVM and process meters carry the sync too: a dashboard or alert names the sync whose
    // runner is short of memory or restarting without joining on pod labels
    registry.config().commonTags(tags);
    // the JVM and the process: heap, GC pauses, threads, CPU, open files, uptime
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    state.meters().publishTo(registry);
    Gauge.builder("serversidesync.destination.quota.remaining", state, RunnerState::quotaRemaining)
        .description("API calls left of the destination's daily allocation, as it last reported")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.destination.quota.limit", state, RunnerState::quotaLimit)
        .description("The destination's daily API allocation, as it last reported")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.destination.quota.share", state, RunnerState::quotaShare)
        .description("Fraction of the daily allocation this sync may use (spec.rateLimit)")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.snapshot.rows.read", state, RunnerState::snapshotRowsRead)
        .description("Rows the initial snapshot has read so far")
        .tags(tags)
        .register(registry);
    Gauge.builder(
            "serversidesync.snapshot.rows.estimated", state, RunnerState::snapshotRowsEstimated)
        .description("Postgres's estimate of the table's rows (pg_class.reltuples) at the snapshot")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.last.change.age", state, RunnerState::secondsSinceLastChange)
        .description("Time since the last change was captured (NaN before the first)")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    counter(
        "serversidesync.changes.captured",
        "Row changes read from the WAL and the snapshot",
        state,
        s -> s.changesCaptured.get(),
        tags);
    counter(
        "serversidesync.records.written",
        "Records the destination acknowledged",
        state,
        s -> s.recordsWritten.get(),
        tags);
    counter(
        "serversidesync.api.calls",
        "Destination API calls made",
        state,
        s -> s.apiCalls.get(),
        tags);
    counter(
        "serversidesync.record.errors",
        "Records recorded in serversidesync.errors",
        state,
        s -> s.recordErrors.get(),
        tags);
    counter(
        "serversidesync.retries",
        "Destination writes tried again",
        state,
        s -> s.retries.get(),
        tags);
    FunctionCounter.builder("serversidesync.throttled", state, RunnerState::secondsThrottled)
        .description("Time writes waited for a rate limit or the daily quota (phase Throttled)")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    counter(
        "serversidesync.flushes", "Flushes (epochs) delivered", state, s -> s.flushes.get(), tags);
    Gauge.builder("serversidesync.lag.bytes", state, RunnerState::lagBytes)
        .description("WAL bytes between the server's position and the confirmed LSN")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.lag.seconds", state, RunnerState::lagSeconds)
        .description("Age of the oldest change not yet acknowledged")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.pending.keys", state, s -> s.pendingKeys())
        .description("Distinct keys waiting for the next flush")
        .tags(tags)
        .register(registry);
    Gauge.builder("serversidesync.ready", state, s -> s.ready() ? 1 : 0)
        .description("1 while the runner streams normally")
        .tags(tags)
        .register(registry);
    ReverseStats reverse = state.reverse();
    if (reverse != null) {
      reverseMeters(reverse, tags);
    }
    for (Phase phase : Phase.values()) {
      Gauge.builder("serversidesync.phase", state, s -> s.currentPhase() == phase ? 1 : 0)
          .description("1 for the runner's current phase")
          .tags(tags.and("phase", phase.name()))
          .register(registry);
    }
  }

  private void reverseMeters(ReverseStats reverse, Tags tags) {
    counter(
        "serversidesync.reverse.records.read",
        "Changed destination records read by the reverse poll",
        reverse.recordsRead,
        AtomicLong::get,
        tags);
    counter(
        "serversidesync.reverse.rows.applied",
        "Rows written (inserted, updated or deleted) with destination values",
        reverse.rowsApplied,
        AtomicLong::get,
        tags);
    counter(
        "serversidesync.reverse.conflicts",
        "Records changed on both sides since they were last synced",
        reverse.conflicts,
        AtomicLong::get,
        tags);
    reverse.skippedByReason.forEach(
        (reason, count) ->
            counter(
                "serversidesync.reverse.records.skipped",
                "Changed destination records not applied, by reason",
                count,
                AtomicLong::get,
                tags.and("reason", reason)));
    counter(
        "serversidesync.reverse.ids.written",
        "Rows whose destination-id column the runner filled or changed",
        reverse.idsWritten,
        AtomicLong::get,
        tags);
    counter(
        "serversidesync.reverse.polls",
        "Polls of the destination",
        reverse.polls,
        AtomicLong::get,
        tags);
    counter(
        "serversidesync.reverse.poll.failures",
        "Polls that failed (the next one tries again)",
        reverse.failures,
        AtomicLong::get,
        tags);
    Gauge.builder(
            "serversidesync.reverse.last.poll.timestamp",
            reverse,
            ReverseStats::lastPollEpochSeconds)
        .description("When the destination was last polled (Unix time)")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
  }

  /**
   * Micrometer holds the measured object weakly: it must be the state, which the engine keeps, and
   * not a lambda that only the meter references (after the first GC such a counter reads 0).
   */
  private <T> void counter(
      String name, String help, T measured, ToDoubleFunction<T> value, Tags tags) {
    FunctionCounter.builder(name, measured, value).description(help).tags(tags).register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}

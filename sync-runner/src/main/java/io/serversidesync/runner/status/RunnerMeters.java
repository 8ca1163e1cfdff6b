package io.serversidesync.runner.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner's measurements that are distributions (histograms), recorded as they happen: API call
 * latency per endpoint, records per flush, and the time from a change's commit in Postgres to the
 * destination's acknowledgement. Recorded into a composite registry, so the engine can record
 * before (or without) the Prometheus registry that {@link RunnerMetrics} adds.
 */
public final class RunnerMeters {

  private static final double[] FLUSH_BUCKETS = {1, 10, 50, 200, 1_000, 5_000, 20_000, 100_000};

  /** Postgres' epoch (2000-01-01) in Unix microseconds. */
  static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final Clock clock;
  private final String sync;
  private final DistributionSummary flushRecords;
  private final Timer commitToAck;
  private final AtomicLong lastChangeMillis = new AtomicLong();

  RunnerMeters(String sync, Clock clock) {
    this.sync = sync;
    this.clock = clock;
    this.flushRecords =
        DistributionSummary.builder("serversidesync.flush.records")
            .description("Records in one flush (a coalesced epoch) sent to the destination")
            .tag("sync", sync)
            .serviceLevelObjectives(FLUSH_BUCKETS)
            .register(registry);
    this.commitToAck =
        Timer.builder("serversidesync.commit.to.ack")
            .description(
                "From the commit of a flush's oldest change in Postgres to the destination's"
                    + " acknowledgement of the flush")
            .tag("sync", sync)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
  }

  /** Sends every measurement to {@code target} too (the Prometheus registry). */
  void publishTo(MeterRegistry target) {
    registry.add(target);
  }

  /** One destination API call and how long it took, response included. */
  public void apiCall(String endpoint, Duration took) {
    Timer.builder("serversidesync.api.call.duration")
        .description("Destination API calls by endpoint, from request to response")
        .tags("sync", sync, "endpoint", endpoint)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry)
        .record(took);
  }

  /**
   * A record failed with {@code code} (a destination code such as STRING_TOO_LONG, or the runner's
   * own): what the dashboard's errors by code show. Records waiting for their parent count too,
   * unlike serversidesync_record_errors_total, which counts only the errors for a person.
   */
  public void recordFailed(String code) {
    Counter.builder("serversidesync.record.failures")
        .description("Records that failed, by error code (records waiting for their parent too)")
        .tags("sync", sync, "code", code == null ? "UNKNOWN" : code)
        .register(registry)
        .increment();
  }

  /** A flush of {@code records} records was delivered. */
  public void flushed(int records) {
    flushRecords.record(records);
  }

  /**
   * A flush was acknowledged whose oldest change committed at {@code commitMicros} (Postgres epoch
   * µs; 0 when unknown: snapshot rows and replays, which are not measured).
   */
  public void acknowledgedCommit(long commitMicros) {
    if (commitMicros != 0) {
      long ageMicros = clock.millis() * 1000 - PG_EPOCH_MICROS - commitMicros;
      commitToAck.record(Duration.ofNanos(Math.max(0, ageMicros) * 1000));
    }
  }

  /** A change was captured now (for the time-since-last-change gauge). */
  void changeCaptured(long nowMillis) {
    lastChangeMillis.set(nowMillis);
  }

  /** Seconds since the last captured change, or NaN before the first. */
  double secondsSinceLastChange(long nowMillis) {
    long last = lastChangeMillis.get();
    return last == 0 ? Double.NaN : Math.max(0, (nowMillis - last) / 1000.0);
  }
}

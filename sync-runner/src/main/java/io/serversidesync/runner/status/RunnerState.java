package io.serversidesync.runner.status;

import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.Lag;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.PlanStatus;
import io.serversidesync.runner.pg.Lsn;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the runner is doing and has done, shared by the engine (writer) and the status server and
 * metrics (readers). Counters are atomics; the phase block changes together under the lock.
 */
public final class RunnerState {

  private final String sync;
  final AtomicLong changesCaptured = new AtomicLong();
  final AtomicLong recordsWritten = new AtomicLong();
  final AtomicLong apiCalls = new AtomicLong();
  final AtomicLong recordErrors = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong flushes = new AtomicLong();
  private volatile long confirmedLsn;
  private volatile long serverLsn;
  private volatile long oldestUnackedCommitMicros;
  private volatile int pendingKeys;
  private volatile ReverseStats reverse;
  private volatile long quotaUsed = -1;
  private volatile long quotaMax = -1;
  private volatile long snapshotRowsRead = -1;
  private volatile long snapshotRowsEstimated = -1;
  private volatile double quotaShare = Double.NaN;
  private final RunnerMeters meters;

  private Phase phase = Phase.Pending;
  private boolean ready;
  private String reason = "Starting";
  private String message = "starting";
  private Phase phaseBeforeThrottle;
  private Instant throttledUntil;
  private long throttledSinceMillis = -1;
  private long throttledMillisBefore;
  private String replayErrorsAcknowledged;
  private PlanStatus plan;

  private final Clock clock;
  private final RecordErrorRate errorRate = new RecordErrorRate();

  public RunnerState(String sync) {
    this(sync, Clock.systemUTC());
  }

  /**
   * @param clock the time of the record error rate's window
   */
  public RunnerState(String sync, Clock clock) {
    this.sync = sync;
    this.clock = clock;
    this.meters = new RunnerMeters(sync, clock);
  }

  /** The histograms (API latency, flush size, commit to acknowledgement). */
  public RunnerMeters meters() {
    return meters;
  }

  public String sync() {
    return sync;
  }

  /** Turns on the reverse counters of a two-way sync (shown in /status from now on). */
  public synchronized ReverseStats enableReverse() {
    if (reverse == null) {
      reverse = new ReverseStats();
    }
    return reverse;
  }

  /** The reverse counters, or null for a one-way sync. */
  public ReverseStats reverse() {
    return reverse;
  }

  /** Sets the phase, readiness and the user-facing reason and message. */
  public synchronized void phase(Phase phase, boolean ready, String reason, String message) {
    this.phase = phase;
    this.ready = ready;
    this.reason = reason;
    this.message = message;
    if (phase != Phase.Throttled) {
      throttledUntil = null;
      throttleEnded();
    }
  }

  /** Writes wait for a rate limit or quota until about {@code until}. */
  public synchronized void throttled(Instant until, String why) {
    if (phase != Phase.Throttled) {
      phaseBeforeThrottle = phase;
    }
    phase = Phase.Throttled;
    if (throttledSinceMillis < 0) {
      throttledSinceMillis = clock.millis();
    }
    throttledUntil = until;
    reason = "Throttled";
    message = why;
  }

  /** Writes go on after a throttle. */
  public synchronized void resumed() {
    if (phase == Phase.Throttled) {
      phase = phaseBeforeThrottle == null ? Phase.Streaming : phaseBeforeThrottle;
      throttledUntil = null;
      reason = phase == Phase.Snapshotting ? "Snapshotting" : "Streaming";
      message = "writing again after a throttle";
    }
    throttleEnded();
  }

  private void throttleEnded() {
    if (throttledSinceMillis >= 0) {
      throttledMillisBefore += Math.max(0, clock.millis() - throttledSinceMillis);
      throttledSinceMillis = -1;
    }
  }

  /**
   * Seconds spent in the Throttled phase since the start, the current throttle included: a counter,
   * so that a dashboard can show the share of time writes waited for a limit.
   */
  synchronized double secondsThrottled() {
    long current =
        throttledSinceMillis < 0 ? 0 : Math.max(0, clock.millis() - throttledSinceMillis);
    return (throttledMillisBefore + current) / 1000.0;
  }

  public synchronized Phase currentPhase() {
    return phase;
  }

  public synchronized boolean ready() {
    return ready && errorRate.sustained(clock.instant()).isEmpty();
  }

  public synchronized void replayErrorsAcknowledged(String value) {
    replayErrorsAcknowledged = value;
  }

  /** Plan mode: the cost estimate /status reports (the operator copies it to status.plan). */
  public synchronized void plan(PlanStatus estimate) {
    plan = estimate;
  }

  public void addChangesCaptured(long n) {
    changesCaptured.addAndGet(n);
    if (n > 0) {
      meters.changeCaptured(clock.millis());
    }
  }

  /** The destination's daily API allocation as it last reported it. */
  public void quota(long used, long max) {
    quotaUsed = used;
    quotaMax = max;
  }

  /** The fraction (0, 1] of the daily allocation this sync may use (spec.rateLimit). */
  public void quotaShare(double share) {
    quotaShare = share;
  }

  /** The sync's share of the daily allocation, or NaN when the destination has none. */
  double quotaShare() {
    return quotaShare;
  }

  /** Calls left of the daily allocation, or NaN before the destination said. */
  double quotaRemaining() {
    return quotaMax < 0 ? Double.NaN : Math.max(0, quotaMax - quotaUsed);
  }

  /** The daily allocation, or NaN before the destination said. */
  double quotaLimit() {
    return quotaMax < 0 ? Double.NaN : quotaMax;
  }

  /**
   * How far the initial snapshot is: rows read, and Postgres's estimate of the total (-1: none).
   */
  public void snapshotProgress(long read, long estimated) {
    snapshotRowsRead = read;
    snapshotRowsEstimated = estimated;
  }

  double snapshotRowsRead() {
    return snapshotRowsRead < 0 ? Double.NaN : snapshotRowsRead;
  }

  double snapshotRowsEstimated() {
    return snapshotRowsEstimated < 0 ? Double.NaN : snapshotRowsEstimated;
  }

  double secondsSinceLastChange() {
    return meters.secondsSinceLastChange(clock.millis());
  }

  public void addRecordsWritten(long n) {
    errorRate.written(n, clock.instant());
    recordsWritten.addAndGet(n);
  }

  public void addRecordErrors(long n) {
    errorRate.failed(n, clock.instant());
    recordErrors.addAndGet(n);
  }

  public void apiCall() {
    apiCalls.incrementAndGet();
  }

  public void retried() {
    retries.incrementAndGet();
  }

  public void flushed() {
    flushes.incrementAndGet();
  }

  public void confirmedLsn(long lsn) {
    confirmedLsn = lsn;
  }

  public void serverLsn(long lsn) {
    serverLsn = lsn;
  }

  public void pendingKeys(int keys) {
    pendingKeys = keys;
  }

  /** Commit time (Postgres epoch µs) of the oldest change not yet acknowledged, 0 if none. */
  public void oldestUnackedCommitMicros(long micros) {
    oldestUnackedCommitMicros = micros;
  }

  public long changesCaptured() {
    return changesCaptured.get();
  }

  public long recordsWritten() {
    return recordsWritten.get();
  }

  public long recordErrors() {
    return recordErrors.get();
  }

  public long confirmedLsn() {
    return confirmedLsn;
  }

  public long lagBytes() {
    long server = serverLsn;
    long confirmed = confirmedLsn;
    return Long.compareUnsigned(server, confirmed) > 0 ? server - confirmed : 0;
  }

  public double lagSeconds() {
    long oldest = oldestUnackedCommitMicros;
    if (oldest == 0) {
      return 0;
    }
    long nowMicros = System.currentTimeMillis() * 1000 - RunnerMeters.PG_EPOCH_MICROS;
    return Math.max(0, (nowMicros - oldest) / 1_000_000.0);
  }

  public int pendingKeys() {
    return pendingKeys;
  }

  long retries() {
    return retries.get();
  }

  long flushes() {
    return flushes.get();
  }

  long apiCalls() {
    return apiCalls.get();
  }

  /** The /status document. */
  public synchronized RunnerStatus snapshot() {
    long captured = changesCaptured.get();
    long calls = apiCalls.get();
    // a stream that runs while most records fail is not ready: derived, so it clears by itself
    Optional<String> failing = ready ? errorRate.sustained(clock.instant()) : Optional.empty();
    return new RunnerStatus(
        sync,
        phase,
        ready && failing.isEmpty(),
        failing.isPresent() ? RunnerReasons.RECORD_ERROR_RATE : reason,
        failing.orElse(message),
        new Lag(lagBytes(), Math.round(lagSeconds() * 1000) / 1000.0),
        new Counters(
            captured,
            recordsWritten.get(),
            calls,
            Math.max(0, captured - calls),
            recordErrors.get()),
        reverse == null ? null : reverse.counters(),
        confirmedLsn == 0 ? null : Lsn.format(confirmedLsn),
        throttledUntil == null ? null : throttledUntil.toString(),
        replayErrorsAcknowledged,
        plan);
  }
}

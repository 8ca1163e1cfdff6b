package io.serversidesync.runner.status;

import io.serversidesync.api.v1alpha1.ReverseCounters;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Totals of the reverse direction of a two-way sync, written by its loop, read by /status. */
public final class ReverseStats {

  final AtomicLong recordsRead = new AtomicLong();
  final AtomicLong rowsApplied = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong recordsSkipped = new AtomicLong();
  final AtomicLong idsWritten = new AtomicLong();
  final AtomicLong polls = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final Map<String, AtomicLong> skippedByReason = new ConcurrentHashMap<>();
  private volatile Instant lastPoll;

  /** Reasons a record is skipped, as metric labels. */
  public static final java.util.List<String> SKIP_REASONS =
      java.util.List.of("empty_external_id", "rejected_by_postgres", "deleted_in_postgres");

  public ReverseStats() {
    SKIP_REASONS.forEach(r -> skippedByReason.put(r, new AtomicLong()));
  }

  public void read(long n) {
    recordsRead.addAndGet(n);
  }

  public void applied(long n) {
    rowsApplied.addAndGet(n);
  }

  public void conflicts(long n) {
    conflicts.addAndGet(n);
  }

  /** Records not applied for {@code reason} (a lower-case label). */
  public void skipped(String reason, long n) {
    recordsSkipped.addAndGet(n);
    skippedByReason.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(n);
  }

  /** Rows whose destination-id column the runner filled or changed. */
  public void idsWritten(long n) {
    idsWritten.addAndGet(n);
  }

  /** A poll of the destination finished. */
  public void polled(Instant at) {
    polls.incrementAndGet();
    lastPoll = at;
  }

  /** A poll failed (the next one tries again). */
  public void failed() {
    failures.incrementAndGet();
  }

  public long recordsRead() {
    return recordsRead.get();
  }

  public long rowsApplied() {
    return rowsApplied.get();
  }

  public long conflicts() {
    return conflicts.get();
  }

  public long recordsSkipped() {
    return recordsSkipped.get();
  }

  public long idsWritten() {
    return idsWritten.get();
  }

  public long polls() {
    return polls.get();
  }

  public Instant lastPoll() {
    return lastPoll;
  }

  double lastPollEpochSeconds() {
    Instant at = lastPoll;
    return at == null ? 0 : at.toEpochMilli() / 1000.0;
  }

  /** The status document's reverse block. */
  public ReverseCounters counters() {
    Instant at = lastPoll;
    return new ReverseCounters(
        recordsRead.get(),
        rowsApplied.get(),
        conflicts.get(),
        recordsSkipped.get(),
        at == null ? null : at.toString());
  }
}

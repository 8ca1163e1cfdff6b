package io.serversidesync.reliability.workload;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * For each change sequence number, a WAL position its transaction's commit record lies after:
 * {@code pg_current_wal_insert_lsn()} read inside the transaction just before COMMIT. If that
 * position is past the slot's confirmed LSN, the change is not confirmed yet; seeing its value in
 * the destination then proves the destination acknowledged a change the slot has not confirmed.
 */
public final class CommitLsns {

  private final AtomicLongArray lowerBounds;

  public CommitLsns(int maxSeq) {
    this.lowerBounds = new AtomicLongArray(maxSeq + 1);
  }

  /** Records the bound of a change; the first record of a seq wins (a retry commits later). */
  void record(long seq, long lsn) {
    lowerBounds.compareAndSet((int) seq, 0, lsn);
  }

  /** The bound of {@code seq}, or 0 when unknown (e.g. a row of the initial load). */
  public long lowerBound(long seq) {
    return seq < lowerBounds.length() ? lowerBounds.get((int) seq) : 0;
  }
}

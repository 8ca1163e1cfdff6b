package io.serversidesync.runner.capture.triggers;

import java.util.ArrayDeque;

/**
 * Decides how far trigger capture has read, as a WAL position: every transaction that committed
 * before the frontier has had its recorded changes read. Two-way sync and the status use it where
 * logical replication would use the last decoded commit.
 *
 * <p>A round takes the WAL insert position {@code lsn} before its snapshot and the snapshot's
 * {@code xmax} (the next transaction id). A transaction that committed before {@code lsn} had an id
 * below that {@code xmax}. Once a later round's {@code xmin} (its oldest running transaction) is at
 * or past that {@code xmax} and the round read every change below {@code xmin}, all those
 * transactions are read, so {@code lsn} is the frontier. While an old transaction stays open, the
 * frontier waits for it; the changes read meanwhile are still delivered.
 */
public final class CaptureFrontier {

  /** Rounds remembered while an old transaction holds the frontier back; older ones merge. */
  private static final int MAX_CANDIDATES = 1024;

  private final ArrayDeque<long[]> candidates = new ArrayDeque<>();
  private long frontier;

  /**
   * @param start the frontier before the first round (0: nothing known)
   */
  public CaptureFrontier(long start) {
    this.frontier = start;
  }

  public long frontier() {
    return frontier;
  }

  /**
   * One round was read.
   *
   * @param lsnBefore the WAL insert position taken before the round's snapshot
   * @param xmin the snapshot's oldest running transaction id (changes below it were eligible)
   * @param xmax the snapshot's next transaction id
   * @param exhausted whether the round read every eligible change (not cut short by its limit)
   * @return the frontier after the round
   */
  public long round(long lsnBefore, long xmin, long xmax, boolean exhausted) {
    long[] last = candidates.peekLast();
    if (last != null && (last[0] == lsnBefore || candidates.size() >= MAX_CANDIDATES)) {
      // the newer pair is the stricter one: replacing keeps the frontier safe, only later
      last[0] = Math.max(last[0], lsnBefore);
      last[1] = Math.max(last[1], xmax);
    } else {
      candidates.addLast(new long[] {lsnBefore, xmax});
    }
    if (!exhausted) {
      return frontier;
    }
    while (!candidates.isEmpty() && Long.compareUnsigned(candidates.peekFirst()[1], xmin) <= 0) {
      long lsn = candidates.pollFirst()[0];
      if (Long.compareUnsigned(lsn, frontier) > 0) {
        frontier = lsn;
      }
    }
    return frontier;
  }
}

package io.serversidesync.runner.deliver;

/**
 * Decides which LSN may be confirmed to the slot, in epochs: a flush cuts the pending changes and
 * remembers the LSN the cut covers; only when the whole cut is acknowledged (or recorded as errors)
 * does that LSN become confirmable. While nothing is pending, in flight or half-read, the server's
 * reported position is confirmable too, so an idle slot does not retain WAL.
 *
 * <p>Owned by the capture thread; the delivery thread reports through the engine.
 */
public final class Checkpoint {

  private long confirmable;
  private long inFlight = -1;

  /**
   * @param start the slot's confirmed position when streaming starts
   */
  public Checkpoint(long start) {
    this.confirmable = start;
  }

  /** A cut covering everything up to {@code coveredLsn} (0: no WAL position) goes out. */
  public void cut(long coveredLsn) {
    if (inFlight >= 0) {
      throw new IllegalStateException(
          "a cut is already in flight; epochs are delivered one by one");
    }
    inFlight = coveredLsn;
  }

  /** Every record of the in-flight cut is acknowledged or recorded as an error. */
  public void delivered() {
    if (inFlight < 0) {
      throw new IllegalStateException("no cut in flight");
    }
    advance(inFlight);
    inFlight = -1;
  }

  public boolean cutInFlight() {
    return inFlight >= 0;
  }

  /**
   * Nothing is pending or in flight and no transaction is half-read: everything the server sent up
   * to {@code serverPosition} has been handled.
   */
  public void idle(long serverPosition, boolean pendingEmpty, boolean inTransaction) {
    if (inFlight < 0 && pendingEmpty && !inTransaction) {
      advance(serverPosition);
    }
  }

  /** The highest LSN that may be confirmed now. */
  public long confirmable() {
    return confirmable;
  }

  private void advance(long lsn) {
    if (Long.compareUnsigned(lsn, confirmable) > 0) {
      confirmable = lsn;
    }
  }
}

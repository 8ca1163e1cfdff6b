package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.CaptureFeed;
import io.serversidesync.runner.capture.triggers.ChangeTableReader;

/**
 * Trigger capture's position for the housekeeping: the capture frontier of the change table's
 * reader. Confirming only records the position: what the destination acknowledged leaves the change
 * table through {@link AcknowledgedChanges}, by change, not by position.
 */
final class TriggerFeed implements CaptureFeed {

  private final long start;
  private long frontier;
  private long confirmed;
  private boolean caughtUp;
  private boolean moreWaiting;

  TriggerFeed(long start) {
    this.start = start;
    this.frontier = start;
    this.confirmed = start;
  }

  /** A round was read: where capture stands now, and whether more changes wait behind it. */
  void read(ChangeTableReader.Round round) {
    frontier = Math.max(frontier, round.frontier());
    moreWaiting = !round.exhausted();
    caughtUp |= round.exhausted();
  }

  /** Whether the last round stopped at its limit: read the next one at once. */
  boolean moreWaiting() {
    return moreWaiting;
  }

  @Override
  public long startLsn() {
    return start;
  }

  @Override
  public long backlogEnd() {
    return 0; // the change table's backlog is counted in changes, not WAL bytes
  }

  /**
   * Until a round first reads every change waiting, the runner reads what was recorded while it was
   * stopped: a backlog, cut at the pending bound and sent by the path with the fewest calls. Later
   * full rounds are a burst of writes, flushed as usual.
   */
  @Override
  public boolean catchingUp() {
    return !caughtUp;
  }

  @Override
  public long lastReceived() {
    return frontier;
  }

  @Override
  public long confirmed() {
    return confirmed;
  }

  @Override
  public void confirm(long lsn, boolean now) {
    if (Long.compareUnsigned(lsn, confirmed) > 0) {
      confirmed = lsn;
    }
  }

  @Override
  public void heartbeat() {
    // nothing times a trigger reader out
  }
}

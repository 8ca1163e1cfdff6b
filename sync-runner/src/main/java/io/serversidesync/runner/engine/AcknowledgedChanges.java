package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.triggers.ChangeMark;
import io.serversidesync.runner.capture.triggers.ChangeTableReader;
import io.serversidesync.runner.deliver.CutListener;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which recorded changes may leave the change table: those read before a cut, once that cut is
 * delivered (every record acknowledged or recorded as an error), and all read ones while nothing is
 * pending or in flight. Until then they stay, so a runner that dies reads them again.
 */
final class AcknowledgedChanges implements CutListener {

  private final ChangeTableReader reader;
  private ChangeMark inCut;
  private ChangeMark acknowledged = ChangeMark.START;
  private ChangeMark forgotten = ChangeMark.START;

  AcknowledgedChanges(ChangeTableReader reader) {
    this.reader = reader;
  }

  @Override
  public void cut() {
    inCut = reader.mark(); // rounds are read whole between cuts: all read is in this cut
  }

  @Override
  public void delivered() {
    if (inCut != null && inCut.after(acknowledged)) {
      acknowledged = inCut;
    }
    inCut = null;
  }

  /** Nothing is pending or in flight: everything read is handled. */
  void idle() {
    if (reader.mark().after(acknowledged)) {
      acknowledged = reader.mark();
    }
  }

  /** Deletes what was acknowledged since the last call. */
  void forget(Connection c) throws SQLException {
    if (acknowledged.after(forgotten)) {
      int deleted = reader.forget(c, acknowledged);
      forgotten = acknowledged;
      EngineLog.LOG.debug("deleted {} acknowledged change(s) from the change table", deleted);
    }
  }
}

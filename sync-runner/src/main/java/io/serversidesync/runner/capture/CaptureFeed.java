package io.serversidesync.runner.capture;

import java.sql.SQLException;

/**
 * Where capture stands, in WAL positions, whatever reads the changes: the slot's stream, or the
 * change table of trigger capture. The engine's housekeeping confirms through it and reports it.
 */
public interface CaptureFeed {

  /** The position capture started from. */
  long startLsn();

  /**
   * Where the changes already written when capture started end, in WAL bytes; 0 when that is not
   * known in bytes (trigger capture).
   */
  long backlogEnd();

  /** Whether more changes are waiting right behind the ones read: capture is catching up. */
  boolean catchingUp();

  /** Every change committed before this position has been read. */
  long lastReceived();

  /** The last position confirmed. */
  long confirmed();

  /**
   * Everything before {@code lsn} is delivered (told to the server with the next status update, or
   * at once when {@code now}). Never moves backwards.
   */
  void confirm(long lsn, boolean now) throws SQLException;

  /** Keeps the source from timing the reader out while reading is paused. */
  void heartbeat() throws SQLException;
}

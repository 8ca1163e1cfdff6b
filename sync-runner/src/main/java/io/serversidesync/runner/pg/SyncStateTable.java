package io.serversidesync.runner.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * serversidesync.syncs: what the runner must remember besides the slot itself — whether the initial
 * snapshot of the current slot was completely delivered (a slot without a completed snapshot is
 * recreated, so a crash mid-snapshot loses nothing), and the last replay-errors annotation value
 * acted on.
 */
public final class SyncStateTable {

  private final String sync;

  public SyncStateTable(String sync) {
    this.sync = sync;
  }

  /** Creates the schema and table if missing (only then, as {@code ErrorsTable.create}). */
  public static void create(Connection c) throws SQLException {
    if (Catalog.exists(c, "relation", "serversidesync.syncs")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (!Catalog.exists(c, "schema", "serversidesync")) {
        s.execute("CREATE SCHEMA IF NOT EXISTS serversidesync");
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS serversidesync.syncs (sync text PRIMARY KEY,"
              + " snapshot_lsn pg_lsn, snapshot_started_at timestamptz,"
              + " snapshot_completed_at timestamptz, replay_errors_acknowledged text)");
    }
  }

  /** Whether the snapshot of the current slot was delivered completely. */
  public boolean snapshotCompleted(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT snapshot_completed_at IS NOT NULL FROM serversidesync.syncs WHERE sync = ?")) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  public void snapshotStarted(Connection c, long consistentPoint) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO serversidesync.syncs (sync, snapshot_lsn, snapshot_started_at)"
                + " VALUES (?, ?::pg_lsn, now()) ON CONFLICT (sync) DO UPDATE SET"
                + " snapshot_lsn = EXCLUDED.snapshot_lsn, snapshot_started_at = now(),"
                + " snapshot_completed_at = NULL")) {
      s.setString(1, sync);
      s.setString(2, Lsn.format(consistentPoint));
      s.executeUpdate();
    }
  }

  public void snapshotCompleted(Connection c, boolean completed) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.syncs SET snapshot_completed_at = "
                + (completed ? "now()" : "NULL")
                + " WHERE sync = ?")) {
      s.setString(1, sync);
      s.executeUpdate();
    }
  }

  /** The replay-errors annotation value last acted on, or null. */
  public String replayAcknowledged(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT replay_errors_acknowledged FROM serversidesync.syncs WHERE sync = ?")) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void acknowledgeReplay(Connection c, String value) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO serversidesync.syncs (sync, replay_errors_acknowledged) VALUES (?, ?)"
                + " ON CONFLICT (sync) DO UPDATE SET replay_errors_acknowledged ="
                + " EXCLUDED.replay_errors_acknowledged")) {
      s.setString(1, sync);
      s.setString(2, value);
      s.executeUpdate();
    }
  }

  /** Forgets the sync (cleanup). */
  public void delete(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM serversidesync.syncs WHERE sync = ?")) {
      s.setString(1, sync);
      s.executeUpdate();
    }
  }
}

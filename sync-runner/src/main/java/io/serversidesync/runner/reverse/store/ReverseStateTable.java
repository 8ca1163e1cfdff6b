package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.destination.ChangeCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * serversidesync.reverse_state: per sync, the high-water mark of the reverse direction (the
 * destination modification time and native id of the last record applied) and how far records
 * deleted in the destination were read. Saved in the transaction that applies a page, so a restart
 * resumes exactly after the last page applied.
 */
public final class ReverseStateTable {

  /** What was saved for the sync. */
  public record State(ChangeCursor cursor, Instant deletionsFrom) {}

  private final String sync;

  public ReverseStateTable(String sync) {
    this.sync = sync;
  }

  public static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS serversidesync");
      s.execute(
          "CREATE TABLE IF NOT EXISTS serversidesync.reverse_state (sync text PRIMARY KEY,"
              + " modified_at timestamptz, native_id text, deletions_from timestamptz,"
              + " updated_at timestamptz NOT NULL DEFAULT now())");
    }
  }

  /** The saved state, or a start from the beginning (deletions from {@code now}). */
  public State load(Connection c, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT modified_at, native_id, deletions_from FROM serversidesync.reverse_state"
                + " WHERE sync = ?")) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return new State(ChangeCursor.START, now);
        }
        Timestamp modified = rs.getTimestamp(1);
        Timestamp deletions = rs.getTimestamp(3);
        return new State(
            modified == null
                ? ChangeCursor.START
                : new ChangeCursor(modified.toInstant(), rs.getString(2)),
            deletions == null ? now : deletions.toInstant());
      }
    }
  }

  public void saveCursor(Connection c, ChangeCursor cursor) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO serversidesync.reverse_state (sync, modified_at, native_id)"
                + " VALUES (?, ?::timestamptz, ?) ON CONFLICT (sync) DO UPDATE SET"
                + " modified_at = EXCLUDED.modified_at, native_id = EXCLUDED.native_id,"
                + " updated_at = now()")) {
      s.setString(1, sync);
      s.setString(2, cursor.isStart() ? null : cursor.modifiedAt().toString());
      s.setString(3, cursor.nativeId());
      s.executeUpdate();
    }
  }

  public void saveDeletionsFrom(Connection c, Instant from) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO serversidesync.reverse_state (sync, deletions_from)"
                + " VALUES (?, ?::timestamptz) ON CONFLICT (sync) DO UPDATE SET"
                + " deletions_from = EXCLUDED.deletions_from, updated_at = now()")) {
      s.setString(1, sync);
      s.setString(2, from.toString());
      s.executeUpdate();
    }
  }
}

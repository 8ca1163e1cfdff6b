package io.serversidesync.runner.errors;

import io.serversidesync.runner.pg.Catalog;
import io.serversidesync.runner.pg.Lsn;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * serversidesync.errors: records that could not be delivered, one unresolved row per key. A later
 * successful write of the key resolves it; a replay request asks the runner to re-read and resend
 * the keys.
 */
public final class ErrorsTable {

  private static final String DDL_TABLE =
      "CREATE TABLE IF NOT EXISTS serversidesync.errors ("
          + " id bigserial PRIMARY KEY,"
          + " sync text NOT NULL,"
          + " upsert_key text,"
          + " lsn pg_lsn,"
          + " code text NOT NULL,"
          + " message text NOT NULL,"
          + " fields text[] NOT NULL DEFAULT '{}',"
          + " payload jsonb,"
          + " attempts integer NOT NULL DEFAULT 1,"
          + " first_seen timestamptz NOT NULL DEFAULT now(),"
          + " last_seen timestamptz NOT NULL DEFAULT now(),"
          + " resolved_at timestamptz,"
          + " replay_requested_at timestamptz)";
  private static final String DDL_INDEX =
      "CREATE UNIQUE INDEX IF NOT EXISTS errors_unresolved_key ON serversidesync.errors"
          + " (sync, upsert_key) WHERE resolved_at IS NULL AND upsert_key IS NOT NULL";
  private static final String UPSERT =
      "INSERT INTO serversidesync.errors (sync, upsert_key, lsn, code, message, fields, payload,"
          + " attempts) VALUES (?, ?, ?::pg_lsn, ?, ?, ?, ?::jsonb, ?)"
          + " ON CONFLICT (sync, upsert_key) WHERE resolved_at IS NULL AND upsert_key IS NOT NULL"
          + " DO UPDATE SET lsn = EXCLUDED.lsn, code = EXCLUDED.code, message = EXCLUDED.message,"
          + " fields = EXCLUDED.fields, payload = EXCLUDED.payload,"
          + " attempts = errors.attempts + EXCLUDED.attempts, last_seen = now(),"
          + " replay_requested_at = NULL";

  private final String sync;

  public ErrorsTable(String sync) {
    this.sync = sync;
  }

  /**
   * Creates the schema, table and index if missing (only then: a role with minimal grants may use a
   * schema a DBA created for it, but not run CREATE SCHEMA).
   */
  public static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!Catalog.exists(c, "schema", "serversidesync")) {
        s.execute("CREATE SCHEMA IF NOT EXISTS serversidesync");
      }
      if (!Catalog.exists(c, "relation", "serversidesync.errors")) {
        s.execute(DDL_TABLE);
      }
      if (!Catalog.exists(c, "relation", "serversidesync.errors_unresolved_key")) {
        s.execute(DDL_INDEX);
      }
    }
  }

  /** Records entries in one transaction; an unresolved row of the same key is updated. */
  public void record(Connection c, List<ErrorEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement(UPSERT)) {
      for (ErrorEntry e : entries) {
        s.setString(1, sync);
        s.setString(2, e.upsertKey());
        if (e.lsn() == 0) {
          s.setNull(3, Types.VARCHAR);
        } else {
          s.setString(3, Lsn.format(e.lsn()));
        }
        s.setString(4, e.code());
        s.setString(5, e.message());
        s.setArray(6, c.createArrayOf("text", e.fields().toArray()));
        s.setString(7, e.payloadJson());
        s.setInt(8, e.attempts());
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Marks the unresolved rows of these keys resolved; returns how many. */
  public int resolve(Connection c, Collection<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.errors SET resolved_at = now() WHERE sync = ?"
                + " AND resolved_at IS NULL AND upsert_key = ANY (?)")) {
      s.setString(1, sync);
      s.setArray(2, c.createArrayOf("text", keys.toArray()));
      return s.executeUpdate();
    }
  }

  /** Keys with an unresolved row. */
  public List<String> unresolvedKeys(Connection c) throws SQLException {
    return keys(
        c,
        "SELECT upsert_key FROM serversidesync.errors WHERE sync = ? AND resolved_at IS NULL"
            + " AND upsert_key IS NOT NULL");
  }

  /** Keys whose replay was requested and not yet done. */
  public List<String> replayRequestedKeys(Connection c) throws SQLException {
    return keys(
        c,
        "SELECT upsert_key FROM serversidesync.errors WHERE sync = ? AND resolved_at IS NULL"
            + " AND upsert_key IS NOT NULL AND replay_requested_at IS NOT NULL");
  }

  /** Clears the replay request of these keys (they were re-queued). */
  public void replayed(Connection c, Collection<String> keys) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.errors SET replay_requested_at = NULL WHERE sync = ?"
                + " AND replay_requested_at IS NOT NULL AND upsert_key = ANY (?)")) {
      s.setString(1, sync);
      s.setArray(2, c.createArrayOf("text", keys.toArray()));
      s.executeUpdate();
    }
  }

  /** Asks the runner to replay every unresolved row that has a key; returns how many. */
  public int requestReplay(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.errors SET replay_requested_at = now() WHERE sync = ?"
                + " AND resolved_at IS NULL AND upsert_key IS NOT NULL")) {
      s.setString(1, sync);
      return s.executeUpdate();
    }
  }

  /** Rows of this sync, newest first. */
  public List<StoredError> list(Connection c, boolean includeResolved, int limit)
      throws SQLException {
    List<StoredError> rows = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, upsert_key, lsn::text, code, message, fields, payload::text, attempts,"
                + " first_seen, last_seen, resolved_at, replay_requested_at"
                + " FROM serversidesync.errors WHERE sync = ?"
                + (includeResolved ? "" : " AND resolved_at IS NULL")
                + " ORDER BY last_seen DESC, id DESC LIMIT ?")) {
      s.setString(1, sync);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Array fields = rs.getArray(6);
          rows.add(
              new StoredError(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Arrays.asList((String[]) fields.getArray()),
                  rs.getString(7),
                  rs.getInt(8),
                  rs.getObject(9, OffsetDateTime.class),
                  rs.getObject(10, OffsetDateTime.class),
                  rs.getObject(11, OffsetDateTime.class),
                  rs.getObject(12, OffsetDateTime.class)));
        }
      }
    }
    return rows;
  }

  /** Whether the table exists (it does once the runner ran). */
  public static boolean exists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('serversidesync.errors') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private List<String> keys(Connection c, String sql) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }
}

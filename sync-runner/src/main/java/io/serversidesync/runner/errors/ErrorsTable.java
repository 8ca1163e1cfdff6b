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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
          + " replay_requested_at timestamptz,"
          + " retry_at timestamptz,"
          + " retry_until timestamptz)";

  /** Tables created before records could wait for their parent lack the two retry columns. */
  private static final String DDL_RETRY_COLUMNS =
      "ALTER TABLE serversidesync.errors ADD COLUMN IF NOT EXISTS retry_at timestamptz,"
          + " ADD COLUMN IF NOT EXISTS retry_until timestamptz";

  private static final String DDL_INDEX =
      "CREATE UNIQUE INDEX IF NOT EXISTS errors_unresolved_key ON serversidesync.errors"
          + " (sync, upsert_key) WHERE resolved_at IS NULL AND upsert_key IS NOT NULL";
  private static final String UPSERT =
      "INSERT INTO serversidesync.errors (sync, upsert_key, lsn, code, message, fields, payload,"
          + " attempts, retry_at, retry_until) VALUES (?, ?, ?::pg_lsn, ?, ?, ?, ?::jsonb, ?, ?, ?)"
          + " ON CONFLICT (sync, upsert_key) WHERE resolved_at IS NULL AND upsert_key IS NOT NULL"
          + " DO UPDATE SET lsn = EXCLUDED.lsn, code = EXCLUDED.code, message = EXCLUDED.message,"
          + " fields = EXCLUDED.fields, payload = EXCLUDED.payload,"
          + " attempts = errors.attempts + EXCLUDED.attempts, last_seen = now(),"
          + " replay_requested_at = NULL, retry_at = EXCLUDED.retry_at,"
          + " retry_until = EXCLUDED.retry_until";

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
      if (!hasRetryColumns(c)) {
        s.execute(DDL_RETRY_COLUMNS);
      }
    }
  }

  /**
   * Records entries in one transaction; an unresolved row of the same key is updated. An entry
   * waiting for its parent gets its next try scheduled ({@link ParentWait}) and says so in its
   * message.
   *
   * @param now the time of the failures, for the schedule
   * @return how many of the entries wait for a person (not tried again on a schedule)
   */
  public int record(Connection c, List<ErrorEntry> entries, Instant now) throws SQLException {
    if (entries.isEmpty()) {
      return 0;
    }
    int forAPerson = 0;
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement(UPSERT)) {
      Map<String, Waiting> waiting = waiting(c, entries);
      for (ErrorEntry e : entries) {
        String message = e.message();
        OffsetDateTime retryAt = null;
        OffsetDateTime retryUntil = null;
        if (e.awaitsParent()) {
          Waiting before = waiting.get(e.upsertKey());
          ParentWait.Next next =
              ParentWait.next(
                  before == null ? null : before.until(),
                  e.attempts() + (before == null ? 0 : before.attempts()),
                  e.waitForParent(),
                  now);
          message = message + waitNote(next);
          retryAt = next.givenUp() ? null : utc(next.retryAt());
          retryUntil = utc(next.retryUntil());
        }
        if (retryAt == null) {
          forAPerson++;
        }
        s.setString(1, sync);
        s.setString(2, e.upsertKey());
        if (e.lsn() == 0) {
          s.setNull(3, Types.VARCHAR);
        } else {
          s.setString(3, Lsn.format(e.lsn()));
        }
        s.setString(4, e.code());
        s.setString(5, message);
        s.setArray(6, c.createArrayOf("text", e.fields().toArray()));
        s.setString(7, e.payloadJson());
        s.setInt(8, e.attempts());
        s.setObject(9, retryAt, Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(10, retryUntil, Types.TIMESTAMP_WITH_TIMEZONE);
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
      return forAPerson;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * A wait for a parent that is still on, as an earlier try left it. One the runner gave up on
   * (retry_at NULL) is not continued: a failure after it comes from a later change of the row or
   * from a replay, and gets a window of its own.
   */
  private record Waiting(Instant until, int attempts) {}

  private Map<String, Waiting> waiting(Connection c, List<ErrorEntry> entries) throws SQLException {
    List<String> keys =
        entries.stream().filter(ErrorEntry::awaitsParent).map(ErrorEntry::upsertKey).toList();
    Map<String, Waiting> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT upsert_key, retry_until, attempts FROM serversidesync.errors WHERE sync = ?"
                + " AND resolved_at IS NULL AND code = ? AND retry_at IS NOT NULL"
                + " AND upsert_key = ANY (?) FOR UPDATE")) {
      s.setString(1, sync);
      s.setString(2, ErrorEntry.PARENT_NOT_FOUND);
      s.setArray(3, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.put(
              rs.getString(1),
              new Waiting(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getInt(3)));
        }
      }
    }
    return found;
  }

  private static String waitNote(ParentWait.Next next) {
    if (next.givenUp()) {
      return "; gave up waiting for the parent at "
          + next.retryUntil()
          + " (waitForParent): create the parent in the destination or correct the column,"
          + " then run `sync-runner errors replay`";
    }
    return "; the parent may still arrive: next try at "
        + next.retryAt()
        + ", trying until "
        + next.retryUntil()
        + " (waitForParent)";
  }

  /**
   * Takes the keys whose scheduled try is due and leases them until {@code leaseEnd}: the runner
   * re-reads and resends them, and the outcome sets the next try; if the runner stops before that,
   * the lease runs out and the key is taken again.
   *
   * @param leaseEnd whole microseconds (what timestamptz keeps), so that {@link #endLease} finds it
   */
  public List<String> takeDueRetries(Connection c, Instant now, Instant leaseEnd)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.errors SET retry_at = ? WHERE sync = ? AND resolved_at IS NULL"
                + " AND upsert_key IS NOT NULL AND retry_at <= ? RETURNING upsert_key")) {
      s.setObject(1, utc(leaseEnd), Types.TIMESTAMP_WITH_TIMEZONE);
      s.setString(2, sync);
      s.setObject(3, utc(now), Types.TIMESTAMP_WITH_TIMEZONE);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  /**
   * Ends the lease of keys whose resend got no outcome (their row was gone when re-read): they wait
   * for a person now. A key whose resend failed again has a new schedule and keeps it.
   */
  public void endLease(Connection c, Collection<String> keys, Instant leaseEnd)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.errors SET retry_at = NULL WHERE sync = ? AND resolved_at IS"
                + " NULL AND retry_at = ? AND upsert_key = ANY (?)")) {
      s.setString(1, sync);
      s.setObject(2, utc(leaseEnd), Types.TIMESTAMP_WITH_TIMEZONE);
      s.setArray(3, c.createArrayOf("text", keys.toArray()));
      s.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static boolean hasRetryColumns(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'serversidesync.errors'::regclass"
                    + " AND attname IN ('retry_at', 'retry_until') AND NOT attisdropped")) {
      rs.next();
      return rs.getInt(1) == 2;
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

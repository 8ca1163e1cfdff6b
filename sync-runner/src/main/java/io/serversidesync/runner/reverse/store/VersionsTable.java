package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.reverse.decide.FieldHashes;
import io.serversidesync.runner.reverse.decide.SyncedVersion;
import io.serversidesync.runner.reverse.decide.VersionWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * serversidesync.synced_versions: per sync and upsert key, the last synced version of the record
 * (field hashes, destination modification time, native id) and the positions the echo and conflict
 * decisions need. Rows of keys deleted in Postgres stay as tombstones: they stop a destination read
 * that was in flight from bringing the row back.
 */
public final class VersionsTable {

  /**
   * Half of each page is left free: a poll rewrites the versions of whole pages of keys, and with
   * room in their page those updates stay heap-only (no new index entries). At 80 % about half of a
   * page's updates had to move to another page, and the versions upsert took a quarter longer.
   * Tables created before keep their setting.
   */
  private static final String DDL =
      "CREATE TABLE IF NOT EXISTS serversidesync.synced_versions ("
          + " sync text NOT NULL,"
          + " upsert_key text NOT NULL,"
          + " field_hashes bigint[],"
          + " dest_modstamp timestamptz,"
          + " dest_hashes bigint[],"
          + " native_id text,"
          + " forward_at timestamptz,"
          + " reverse_lsn pg_lsn,"
          + " resend_after pg_lsn,"
          + " PRIMARY KEY (sync, upsert_key)) WITH (fillfactor = 50)";

  private static final String DDL_NATIVE_ID =
      "CREATE INDEX IF NOT EXISTS synced_versions_native_id"
          + " ON serversidesync.synced_versions (sync, native_id)";
  private static final String DDL_RESEND =
      "CREATE INDEX IF NOT EXISTS synced_versions_resend"
          + " ON serversidesync.synced_versions (sync, resend_after) WHERE resend_after IS NOT NULL";

  /** Added after the first release of two-way sync: created on tables that lack it. */
  private static final String DDL_FORWARD_LSN =
      "ALTER TABLE serversidesync.synced_versions ADD COLUMN IF NOT EXISTS forward_lsn pg_lsn";

  /** Added with the in-flight echo check: created on tables that lack it. */
  private static final String DDL_SENT_HASHES =
      "ALTER TABLE serversidesync.synced_versions ADD COLUMN IF NOT EXISTS sent_hashes bigint[]";

  private static final String COLUMNS =
      "v.upsert_key, v.field_hashes::text, v.dest_modstamp, v.dest_hashes::text, v.native_id,"
          + " v.forward_at, v.reverse_lsn::text, v.forward_lsn::text, v.resend_after::text,"
          + " v.sent_hashes::text";
  private static final String UPSERT =
      "INSERT INTO serversidesync.synced_versions AS v (sync, upsert_key, field_hashes,"
          + " dest_modstamp, dest_hashes, native_id, forward_at, reverse_lsn, resend_after)"
          + " SELECT ?, u.k, u.h::bigint[], u.m::timestamptz, u.d::bigint[], u.n, u.f::timestamptz,"
          + " u.r::pg_lsn, u.s::pg_lsn"
          + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[]) AS u(k, h, m, d, n, f, r, s)"
          + " ON CONFLICT (sync, upsert_key) DO UPDATE SET"
          + " field_hashes = CASE WHEN EXCLUDED.field_hashes IS NULL THEN v.field_hashes"
          + "   WHEN v.field_hashes IS NULL OR array_position(EXCLUDED.field_hashes, NULL) IS NULL"
          + "     OR cardinality(v.field_hashes) <> cardinality(EXCLUDED.field_hashes)"
          + "   THEN EXCLUDED.field_hashes"
          + "   ELSE ARRAY(SELECT COALESCE(x.n, x.o) FROM unnest(EXCLUDED.field_hashes,"
          + "     v.field_hashes) WITH ORDINALITY AS x(n, o, i) ORDER BY x.i) END,"
          + " dest_hashes = CASE WHEN EXCLUDED.dest_modstamp IS NOT NULL AND (v.dest_modstamp IS NULL"
          + "   OR EXCLUDED.dest_modstamp >= v.dest_modstamp) THEN EXCLUDED.dest_hashes"
          + "   ELSE v.dest_hashes END,"
          + " dest_modstamp = GREATEST(EXCLUDED.dest_modstamp, v.dest_modstamp),"
          + " native_id = COALESCE(EXCLUDED.native_id, v.native_id),"
          + " forward_at = COALESCE(EXCLUDED.forward_at, v.forward_at),"
          + " reverse_lsn = COALESCE(EXCLUDED.reverse_lsn, v.reverse_lsn),"
          + " resend_after = COALESCE(EXCLUDED.resend_after, v.resend_after),"
          // a recorded acknowledgement ends the write in flight
          + " sent_hashes = CASE WHEN EXCLUDED.forward_at IS NOT NULL THEN NULL"
          + "   ELSE v.sent_hashes END";

  private final String sync;

  public VersionsTable(String sync) {
    this.sync = sync;
  }

  public static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS serversidesync");
      s.execute(DDL);
      s.execute(DDL_NATIVE_ID);
      s.execute(DDL_RESEND);
      s.execute(DDL_FORWARD_LSN);
      s.execute(DDL_SENT_HASHES);
    }
  }

  /**
   * Records, per key, the commit position of the newest change the destination acknowledged (the
   * greatest is kept); the keys' rows exist.
   */
  public void recordForwardLsns(Connection c, Map<String, Long> lsnByKey) throws SQLException {
    if (lsnByKey.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>(lsnByKey.keySet());
    String[] lsns = keys.stream().map(k -> Lsn.format(lsnByKey.get(k))).toArray(String[]::new);
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE serversidesync.synced_versions AS v SET forward_lsn ="
                + " GREATEST(v.forward_lsn, u.l::pg_lsn) FROM unnest(?::text[], ?::text[]) AS"
                + " u(k, l) WHERE v.sync = ? AND v.upsert_key = u.k")) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      s.setArray(2, c.createArrayOf("text", lsns));
      s.setString(3, sync);
      s.executeUpdate();
    }
  }

  /**
   * Records the values about to be sent for these keys (creating their rows if need be): until the
   * acknowledgement is recorded, a destination record holding them is the runner's own write.
   */
  public void markSent(Connection c, Map<String, FieldHashes> sent) throws SQLException {
    if (sent.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>(sent.keySet());
    String[] hashes = keys.stream().map(k -> sent.get(k).toSql()).toArray(String[]::new);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO serversidesync.synced_versions AS v (sync, upsert_key, sent_hashes)"
                + " SELECT ?, u.k, u.h::bigint[] FROM unnest(?::text[], ?::text[]) AS u(k, h)"
                + " ON CONFLICT (sync, upsert_key) DO UPDATE SET sent_hashes ="
                + " EXCLUDED.sent_hashes")) {
      s.setString(1, sync);
      s.setArray(2, c.createArrayOf("text", keys.toArray()));
      s.setArray(3, c.createArrayOf("text", hashes));
      s.executeUpdate();
    }
  }

  /** Drops the marks of these keys' writes: they are over without reaching the destination. */
  public void clearSent(Connection c, Collection<String> keys) throws SQLException {
    updateKeys(c, keys, "sent_hashes = NULL", " AND v.sent_hashes IS NOT NULL");
  }

  /** The versions of these keys, locked until the transaction ends. */
  public Map<String, SyncedVersion> lock(Connection c, Collection<String> keys)
      throws SQLException {
    // a join with the array, not = ANY (array): an index probe per key whatever the statistics
    return select(
        c,
        "SELECT "
            + COLUMNS
            + " FROM unnest(?::text[]) AS u(k) JOIN serversidesync.synced_versions AS v"
            + " ON v.sync = ? AND v.upsert_key = u.k ORDER BY v.upsert_key FOR UPDATE OF v",
        keys);
  }

  /** The versions of the records with these native ids, by native id, locked. */
  public Map<String, SyncedVersion> lockByNativeIds(Connection c, Collection<String> ids)
      throws SQLException {
    Map<String, SyncedVersion> byKey =
        select(
            c,
            "SELECT "
                + COLUMNS
                + " FROM unnest(?::text[]) AS u(k) JOIN serversidesync.synced_versions AS v"
                + " ON v.sync = ? AND v.native_id = u.k ORDER BY v.upsert_key FOR UPDATE OF v",
            ids);
    Map<String, SyncedVersion> byId = new HashMap<>();
    byKey.values().forEach(v -> byId.put(v.nativeId(), v));
    return byId;
  }

  private Map<String, SyncedVersion> select(Connection c, String sql, Collection<String> values)
      throws SQLException {
    Map<String, SyncedVersion> found = new HashMap<>();
    if (values.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setArray(1, c.createArrayOf("text", values.toArray()));
      s.setString(2, sync);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Timestamp modstamp = rs.getTimestamp(3);
          Timestamp forward = rs.getTimestamp(6);
          SyncedVersion v =
              new SyncedVersion(
                  rs.getString(1),
                  FieldHashes.parse(rs.getString(2)),
                  modstamp == null ? null : modstamp.toInstant(),
                  FieldHashes.parse(rs.getString(4)),
                  rs.getString(5),
                  forward == null ? null : forward.toInstant(),
                  lsnOrZero(rs.getString(7)),
                  lsnOrZero(rs.getString(8)),
                  lsnOrZero(rs.getString(9)),
                  FieldHashes.parse(rs.getString(10)));
          found.put(v.key(), v);
        }
      }
    }
    return found;
  }

  private static long lsnOrZero(String lsn) {
    return lsn == null ? 0 : Lsn.parse(lsn);
  }

  /** Applies the writes (one statement). */
  public void write(Connection c, List<VersionWrite> writes) throws SQLException {
    if (writes.isEmpty()) {
      return;
    }
    int n = writes.size();
    String[][] columns = new String[8][n];
    for (int i = 0; i < n; i++) {
      VersionWrite w = writes.get(i);
      columns[0][i] = w.key();
      columns[1][i] = w.hashes() == null ? null : w.hashes().toSql();
      columns[2][i] = w.destModstamp() == null ? null : w.destModstamp().toString();
      columns[3][i] = w.destHashes() == null ? null : w.destHashes().toSql();
      columns[4][i] = w.nativeId();
      columns[5][i] = w.forwardAt() == null ? null : w.forwardAt().toString();
      columns[6][i] = w.reverseLsn() == 0 ? null : Lsn.format(w.reverseLsn());
      columns[7][i] = w.resendAfter() == 0 ? null : Lsn.format(w.resendAfter());
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT)) {
      s.setString(1, sync);
      for (int col = 0; col < 8; col++) {
        s.setArray(col + 2, c.createArrayOf("text", columns[col]));
      }
      s.executeUpdate();
    }
  }

  /**
   * Marks these keys gone on both sides (deleted in the destination, no row): a record the
   * destination creates later under the same key comes in as a new row.
   *
   * @param lsn WAL position of the runner's delete of the row (0: it deleted nothing)
   */
  public void tombstone(Connection c, Collection<String> keys, long lsn) throws SQLException {
    updateKeys(
        c,
        keys,
        "field_hashes = NULL, native_id = NULL, dest_modstamp = NULL, dest_hashes = NULL,"
            + " reverse_lsn = COALESCE(?::pg_lsn, v.reverse_lsn)",
        "",
        lsn == 0 ? null : Lsn.format(lsn));
  }

  /**
   * The destination acknowledged the runner's delete of these keys: their records are gone, so the
   * last synced values and the native id are forgotten. A deletion of that id read back later is
   * the runner's own (no version holds the id any more), and a row inserted again with the same
   * values is sent, not taken for the synced version.
   */
  public void forgetDeleted(Connection c, Collection<String> keys) throws SQLException {
    updateKeys(c, keys, "field_hashes = NULL, native_id = NULL", "");
  }

  /** Asks the capture side to send these keys again once it has read the WAL up to {@code lsn}. */
  public void requestResend(Connection c, Collection<String> keys, long lsn) throws SQLException {
    updateKeys(c, keys, "resend_after = ?::pg_lsn", "", Lsn.format(lsn));
  }

  /** Keys the runner wrote destination values into after {@code lsn}, with that position. */
  public Map<String, Long> reverseWritesAfter(Connection c, long lsn) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT upsert_key, reverse_lsn::text FROM serversidesync.synced_versions"
                + " WHERE sync = ? AND reverse_lsn > ?::pg_lsn")) {
      s.setString(1, sync);
      s.setString(2, Lsn.format(lsn));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1), Lsn.parse(rs.getString(2)));
        }
      }
    }
    return found;
  }

  /** Keys asked to be sent again whose request the capture side has read past. */
  List<String> resendsDue(Connection c, long position) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT upsert_key FROM serversidesync.synced_versions WHERE sync = ?"
                + " AND resend_after IS NOT NULL AND resend_after <= ?::pg_lsn"
                + " ORDER BY upsert_key LIMIT 10000")) {
      s.setString(1, sync);
      s.setString(2, Lsn.format(position));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  /** Whether any key waits to be sent again. */
  boolean anyResend(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM serversidesync.synced_versions WHERE sync = ?"
                + " AND resend_after IS NOT NULL)")) {
      s.setString(1, sync);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Clears the resend requests of these keys up to {@code position} (later ones stay). */
  void resent(Connection c, Collection<String> keys, long position) throws SQLException {
    updateKeys(
        c, keys, "resend_after = NULL", " AND v.resend_after <= ?::pg_lsn", Lsn.format(position));
  }

  /**
   * Updates the rows of these keys (aliased {@code v}): {@code set}, then {@code condition} (empty
   * or starting with AND), take {@code values} as text for their placeholders, in that order.
   */
  private void updateKeys(
      Connection c, Collection<String> keys, String set, String condition, String... values)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            // the keys and the sync come first, so the placeholders of set and condition follow
            "WITH u(k, sync) AS (SELECT unnest(?::text[]), ?::text)"
                + " UPDATE serversidesync.synced_versions AS v SET "
                + set
                + " FROM u WHERE v.sync = u.sync AND v.upsert_key = u.k"
                + condition)) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      s.setString(2, sync);
      for (int i = 0; i < values.length; i++) {
        s.setString(3 + i, values[i]);
      }
      s.executeUpdate();
    }
  }
}

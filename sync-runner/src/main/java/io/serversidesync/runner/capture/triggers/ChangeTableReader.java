package io.serversidesync.runner.capture.triggers;

import io.serversidesync.runner.capture.ResultSetRows;
import io.serversidesync.runner.capture.TupleView;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.pg.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Reads the change table in rounds, in (transaction id, row id) order, each change with its row as
 * it is now; and deletes what the destination acknowledged.
 *
 * <p>A round reads only changes of transactions older than every transaction still running ({@code
 * xid < pg_snapshot_xmin(pg_current_snapshot())}): those transactions are over, so no change can
 * appear later before the round's last one. A reader that went by row id alone would skip the
 * changes of a transaction that took its ids early and committed late. Reading the rows in the same
 * snapshot means a change is always sent with its row's latest committed values.
 */
public final class ChangeTableReader {

  /**
   * What one round read.
   *
   * @param changes how many recorded changes it read
   * @param exhausted whether it read every change eligible (fewer than its limit)
   * @param frontier the capture frontier after it (see {@link CaptureFrontier})
   */
  public record Round(int changes, boolean exhausted, long frontier) {}

  private final SyncSettings settings;
  private final TriggerObjects objects;
  private final CaptureFrontier frontier = new CaptureFrontier(0);
  private ChangeMark mark = ChangeMark.START;
  private String selectSql;

  public ChangeTableReader(SyncSettings settings) {
    this.settings = settings;
    this.objects = new TriggerObjects(settings);
  }

  /** Every change up to here has been read (and handed on). */
  public ChangeMark mark() {
    return mark;
  }

  public long frontier() {
    return frontier.frontier();
  }

  /**
   * Reads the next changes, at most {@code limit}, handing each to {@code changes} in order.
   *
   * @param c a connection of the runner's (its auto-commit is restored afterwards)
   */
  public Round read(Connection c, int limit, RecordedChanges changes) throws SQLException {
    long lsnBefore = insertPosition(c);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long xmin;
      long xmax;
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
                    + " pg_snapshot_xmax(pg_current_snapshot())::text")) {
          rs.next();
          xmin = Long.parseLong(rs.getString(1));
          xmax = Long.parseLong(rs.getString(2));
        }
      }
      int read = 0;
      try (PreparedStatement s = c.prepareStatement(selectSql(c))) {
        s.setString(1, Long.toString(mark.xid()));
        s.setLong(2, mark.id());
        s.setInt(3, limit);
        s.setFetchSize(limit);
        try (ResultSet rs = s.executeQuery()) {
          read = handOn(rs, changes);
        }
      }
      c.commit();
      boolean exhausted = read < limit;
      return new Round(read, exhausted, frontier.round(lsnBefore, xmin, xmax, exhausted));
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private int handOn(ResultSet rs, RecordedChanges changes) throws SQLException {
    int count = settings.columns().size();
    TupleView row = new TupleView();
    int read = 0;
    while (rs.next()) {
      long xid = Long.parseLong(rs.getString(1));
      long id = rs.getLong(2);
      long position = Lsn.parse(rs.getString(4));
      long writtenMicros = rs.getLong(5);
      if (rs.getBoolean(6)) {
        ResultSetRows.fill(rs, 7, count, row);
        changes.row(row, position, writtenMicros);
      } else {
        changes.gone(rs.getString(3), position, writtenMicros);
      }
      mark = new ChangeMark(xid, id);
      read++;
    }
    return read;
  }

  /**
   * Deletes the changes up to {@code through} (the destination acknowledged them).
   *
   * @return how many were deleted
   */
  public int forget(Connection c, ChangeMark through) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM " + objects.changeTable() + " WHERE (xid, id) <= (?::xid8, ?)")) {
      s.setString(1, Long.toString(through.xid()));
      s.setLong(2, through.id());
      return s.executeUpdate();
    }
  }

  private static long insertPosition(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  /** The round's query; the key's type is read once, so the join can use the key's index. */
  private String selectSql(Connection c) throws SQLException {
    if (selectSql != null) {
      return selectSql;
    }
    String table = Sql.qualified(settings.schema(), settings.table());
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.sss_xid::text, c.sss_id, c.sss_key, c.sss_lsn::text,"
                + " ((extract(epoch FROM c.sss_at) - 946684800) * 1000000)::int8,"
                + " t.ctid IS NOT NULL");
    List<String> columns = settings.columns();
    for (String column : columns) {
      sql.append(", t.").append(Sql.ident(column)).append("::text");
    }
    // the change table's columns are renamed so that the row filter's column names, unqualified,
    // can only mean the table's
    sql.append(
            " FROM (SELECT xid AS sss_xid, id AS sss_id, key AS sss_key, lsn AS sss_lsn,"
                + " written_at AS sss_at FROM ")
        .append(objects.changeTable())
        .append(" WHERE xid < pg_snapshot_xmin(pg_current_snapshot())")
        .append(" AND (xid, id) > (?::xid8, ?) ORDER BY xid, id LIMIT ?) c LEFT JOIN ")
        .append(table)
        .append(" t ON t.")
        .append(Sql.ident(settings.upsertKey()))
        .append(" = c.sss_key::")
        .append(keyType(c));
    if (settings.filter() != null) {
      sql.append(" AND (").append(settings.filter()).append(")");
    }
    selectSql = sql.append(" ORDER BY c.sss_xid, c.sss_id").toString();
    return selectSql;
  }

  private String keyType(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT format_type(a.atttypid, NULL) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped")) {
      s.setString(1, Sql.qualified(settings.schema(), settings.table()));
      s.setString(2, settings.upsertKey());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "column " + settings.upsertKey() + " of " + settings.table() + " does not exist",
              "42703");
        }
        return rs.getString(1);
      }
    }
  }
}

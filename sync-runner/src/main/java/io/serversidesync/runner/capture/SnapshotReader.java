package io.serversidesync.runner.capture;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.ServerVersion;
import io.serversidesync.runner.pg.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads the table's rows as of the slot's exported snapshot (SET TRANSACTION SNAPSHOT), so that
 * together with the stream that starts at the slot's consistent point every row is seen exactly
 * once: a row committed before the point is in the snapshot, a later one in the stream. Values come
 * as text ({@code ::text}), the same form pgoutput sends.
 *
 * <p>With trigger capture, every read selects the rows spec.source.filter selects, as the triggers
 * do. Otherwise every read selects the rows the publication publishes: its row filter as Postgres
 * stores it ({@code pg_publication_tables.rowfilter}), not the text of {@code spec.source.filter}.
 * So a read can never see more (or other) rows than the stream, whoever created the publication and
 * whatever the spec's text says.
 */
public final class SnapshotReader {

  /** Receives each row as a full image over the mapped columns (column i = mapped field i). */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(TupleView row) throws SQLException, InterruptedException;
  }

  private static final int FETCH_SIZE = 5000;

  private final SyncSettings settings;

  public SnapshotReader(SyncSettings settings) {
    this.settings = settings;
  }

  /**
   * Reads every row visible in {@code snapshotName}, or in the current state when it is null.
   *
   * @param c a normal connection; its auto-commit is restored afterwards
   * @return the number of rows read
   */
  public long read(Connection c, String snapshotName, RowConsumer consumer)
      throws SQLException, InterruptedException {
    return read(c, snapshotName, estimate -> {}, consumer);
  }

  /**
   * Like {@link #read(Connection, String, RowConsumer)}, first telling {@code estimate} Postgres's
   * estimate of the table's rows (pg_class.reltuples; -1 when the table was never analyzed).
   */
  public long read(Connection c, String snapshotName, LongConsumer estimate, RowConsumer consumer)
      throws SQLException, InterruptedException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        if (snapshotName != null) {
          s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshotName));
        }
      }
      estimate.accept(estimatedRows(c));
      long rows = 0;
      try (PreparedStatement s = c.prepareStatement(selectSql(publishedFilter(c), null))) {
        s.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = s.executeQuery()) {
          rows = consume(rs, consumer);
        }
      }
      c.commit();
      return rows;
    } catch (SQLException | InterruptedException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Reads the current rows of the given keys (replaying recorded errors). */
  public long readKeys(Connection c, List<String> keys, RowConsumer consumer)
      throws SQLException, InterruptedException {
    try (PreparedStatement s =
        c.prepareStatement(
            selectSql(publishedFilter(c), Sql.ident(settings.upsertKey()) + "::text = ANY (?)"))) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        return consume(rs, consumer);
      }
    }
  }

  private long estimatedRows(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
      s.setString(1, settings.schema());
      s.setString(2, settings.table());
      try (ResultSet rs = s.executeQuery()) {
        // PostgreSQL 14+ says -1 for a table never vacuumed or analyzed, older versions 0
        return rs.next() && rs.getLong(1) > 0 ? rs.getLong(1) : -1;
      }
    }
  }

  /**
   * The publication's row filter for the table, as Postgres stores it; null when it has none.
   *
   * @throws SQLException the publication does not publish the table (dropped under the runner)
   */
  private String publishedFilter(Connection c) throws SQLException {
    if (settings.triggerCapture()) {
      return settings.filter(); // no publication: the triggers apply the spec's filter too
    }
    // Row filters came with PostgreSQL 15; before, a publication publishes every row.
    String filter = ServerVersion.of(c).publicationRowFilters() ? "rowfilter" : "NULL::text";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + filter
                + " FROM pg_publication_tables"
                + " WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
      s.setString(1, settings.replicationName());
      s.setString(2, settings.schema());
      s.setString(3, settings.table());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "publication "
                  + settings.replicationName()
                  + " does not publish "
                  + settings.schema()
                  + "."
                  + settings.table()
                  + ", so no row of it can be read for the sync",
              "55000");
        }
        return rs.getString(1);
      }
    }
  }

  private String selectSql(String rowFilter, String extraCondition) {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<String> columns = settings.columns();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(Sql.ident(columns.get(i))).append("::text");
    }
    sql.append(" FROM ").append(Sql.qualified(settings.schema(), settings.table()));
    String filter = rowFilter == null ? null : "(" + rowFilter + ")";
    if (filter != null || extraCondition != null) {
      sql.append(" WHERE ");
      sql.append(filter == null ? "" : filter);
      sql.append(filter != null && extraCondition != null ? " AND " : "");
      sql.append(extraCondition == null ? "" : extraCondition);
    }
    return sql.toString();
  }

  private long consume(ResultSet rs, RowConsumer consumer)
      throws SQLException, InterruptedException {
    int count = settings.columns().size();
    TupleView row = new TupleView();
    long rows = 0;
    while (rs.next()) {
      ResultSetRows.fill(rs, 1, count, row);
      consumer.accept(row);
      rows++;
    }
    return rows;
  }
}

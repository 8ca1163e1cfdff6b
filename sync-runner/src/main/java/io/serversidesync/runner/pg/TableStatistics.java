package io.serversidesync.runner.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What Postgres's statistics say about a table: its size as of the last ANALYZE or VACUUM ({@code
 * pg_class.reltuples}) and its running change counters ({@code pg_stat_user_tables}). Reading them
 * takes no lock and touches no row. The counters include changes by every backend once it reported
 * them (at most about a second after its commit), and restart from zero after a statistics reset.
 *
 * @param table the table as schema.table
 * @param rows estimated rows
 * @param inserts n_tup_ins
 * @param updates n_tup_upd (HOT updates included)
 * @param deletes n_tup_del
 */
public record TableStatistics(String table, long rows, long inserts, long updates, long deletes) {

  /** The table has no size estimate yet: it was never analysed or vacuumed. */
  public static final class NotAnalysedException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAnalysedException(String table) {
      super(
          table
              + " has no statistics yet: it was never analysed, so Postgres does not know its"
              + " size (pg_class.reltuples is unset). Run ANALYZE "
              + table
              + " (or wait for autovacuum to analyse it), then plan again.");
    }
  }

  /** Inserts, updates and deletes counted so far. */
  public long changes() {
    return inserts + updates + deletes;
  }

  /**
   * Reads the table's statistics as they are now (not as cached earlier in the transaction).
   *
   * @throws NotAnalysedException when Postgres has no size estimate for the table
   * @throws SQLException when the table does not exist (SQLState 42P01) or the query fails
   */
  public static TableStatistics read(Connection c, String schema, String table)
      throws SQLException, NotAnalysedException {
    String name = schema + "." + table;
    try (var s = c.createStatement()) {
      // counters read earlier in this transaction would otherwise be returned again
      s.execute("SELECT pg_stat_clear_snapshot()");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.reltuples, c.relpages,"
                + " coalesce(s.n_tup_ins, 0), coalesce(s.n_tup_upd, 0), coalesce(s.n_tup_del, 0),"
                + " coalesce(s.last_analyze, s.last_autoanalyze, s.last_vacuum,"
                + " s.last_autovacuum) IS NOT NULL"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "table " + name + " does not exist (check spec.source.table)", "42P01");
        }
        double reltuples = rs.getDouble(1);
        int relpages = rs.getInt(2);
        boolean maintained = rs.getBoolean(6);
        // Postgres 14+ marks "never analysed" with -1; before, 0 rows on 0 pages and no ANALYZE
        if (reltuples < 0 || (reltuples == 0 && relpages == 0 && !maintained)) {
          throw new NotAnalysedException(name);
        }
        return new TableStatistics(
            name, Math.round(reltuples), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    }
  }
}

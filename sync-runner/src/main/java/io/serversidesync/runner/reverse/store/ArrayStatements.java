package io.serversidesync.runner.reverse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Runs a set-based statement whose parameters are text arrays (one per column, unnested). */
final class ArrayStatements {

  private ArrayStatements() {}

  /** Returns the number of rows the statement changed. */
  static int execute(Connection c, String sql, List<String[]> arrays) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(c, s, arrays);
      return s.executeUpdate();
    }
  }

  static void bind(Connection c, PreparedStatement s, List<String[]> arrays) throws SQLException {
    for (int i = 0; i < arrays.size(); i++) {
      s.setArray(i + 1, c.createArrayOf("text", arrays.get(i)));
    }
  }
}

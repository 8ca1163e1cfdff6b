package io.serversidesync.runner.preflight;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.ParentLink;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.pg.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What two-way sync needs from the source database, each problem with its fix: the destination-id
 * column and the parents' id columns (text columns), the right to write the table, the replication
 * origin functions, and commit timestamps for LastWriteWins.
 */
final class TwoWayChecks {

  /** Text types that can hold a destination's native id. */
  private static final List<String> TEXT_TYPES = List.of("text", "character varying", "character");

  private final SyncSettings settings;
  private final int destinationIdLength;

  /**
   * @param destinationIdLength the most characters of the destination's record ids (the
   *     destination's rules)
   */
  TwoWayChecks(SyncSettings settings, int destinationIdLength) {
    this.settings = settings;
    this.destinationIdLength = destinationIdLength;
  }

  void check(Connection c, TableInfo table, String role, List<String> problems)
      throws SQLException {
    TwoWaySettings twoWay = settings.twoWay();
    String qualified = settings.schema() + "." + settings.table();
    checkIdColumn(
        c,
        table,
        "spec.twoWay.destinationIdColumn",
        twoWay.destinationIdColumn(),
        "the destination's record ids",
        problems);
    List<FieldMap> mapping = settings.mapping();
    for (int i = 0; i < mapping.size(); i++) {
      ParentLink parent = mapping.get(i).parent();
      if (parent != null && parent.idColumn() != null) {
        checkIdColumn(
            c,
            table,
            "spec.mapping[" + i + "].reference.idColumn",
            parent.idColumn(),
            "the record ids of " + mapping.get(i).field() + "'s parents",
            problems);
      }
    }
    List<String> privileges =
        settings.deletes() == DeletePolicy.Delete
            ? List.of("INSERT", "UPDATE", "DELETE")
            : List.of("INSERT", "UPDATE");
    List<String> missing = new java.util.ArrayList<>();
    for (String privilege : privileges) {
      if (!bool(c, "SELECT has_table_privilege(" + table.oid() + ", '" + privilege + "')")) {
        missing.add(privilege);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(
          "role "
              + role
              + " cannot "
              + String.join(" and ", missing)
              + " "
              + qualified
              + ", which two-way sync does to apply destination changes"
              + (settings.deletes() == DeletePolicy.Delete ? " (and deletions)" : "")
              + ": GRANT "
              + String.join(", ", missing)
              + " ON "
              + qualified
              + " TO "
              + role);
    }
    if (!settings.triggerCapture()) { // the trigger skips the runner's writes by a setting
      checkOrigins(c, role, problems);
    }
    if (twoWay.conflictPolicy() == ConflictPolicy.LastWriteWins) {
      String problem = commitTimestampProblem(single(c, "SHOW track_commit_timestamp"));
      if (problem != null) {
        problems.add(problem);
      }
    }
  }

  private void checkOrigins(Connection c, String role, List<String> problems) throws SQLException {
    boolean originExists =
        bool(
            c,
            "SELECT EXISTS (SELECT 1 FROM pg_replication_origin WHERE roname = '"
                + settings.replicationName().replace("'", "''")
                + "')");
    boolean canSetUp =
        bool(
            c,
            "SELECT has_function_privilege('pg_replication_origin_session_setup(text)', 'EXECUTE')");
    boolean canCreate =
        originExists
            || bool(
                c,
                "SELECT has_function_privilege('pg_replication_origin_create(text)', 'EXECUTE')");
    if (!canSetUp || !canCreate) {
      problems.add(
          "role "
              + role
              + " cannot use replication origins, which keep the runner's own writes from being"
              + " sent back to the destination: as a superuser, GRANT EXECUTE ON FUNCTION"
              + " pg_replication_origin_create(text), pg_replication_origin_session_setup(text),"
              + " pg_replication_origin_drop(text) TO "
              + role);
    }
  }

  /** A column that receives record ids: present, text, and long enough for them. */
  private void checkIdColumn(
      Connection c,
      TableInfo table,
      String path,
      String idColumn,
      String receives,
      List<String> problems)
      throws SQLException {
    String qualified = settings.schema() + "." + settings.table();
    String column = path + ": column " + idColumn + " of " + qualified + " ";
    String alter = ": ALTER TABLE " + qualified + " ";
    if (!table.columnTypes().containsKey(idColumn)) {
      problems.add(
          column
              + "does not exist; it receives "
              + receives
              + alter
              + "ADD COLUMN "
              + idColumn
              + " text");
      return;
    }
    String type = single(c, "SELECT format_type(" + table.columnTypes().get(idColumn) + ", NULL)");
    if (!TEXT_TYPES.contains(type)) {
      problems.add(
          column
              + "is "
              + type
              + ", but destination ids are text"
              + alter
              + "ALTER COLUMN "
              + idColumn
              + " TYPE text");
      return;
    }
    int length = declaredLength(c, table.oid(), idColumn);
    if (length > 0 && length < destinationIdLength) {
      problems.add(
          column
              + "holds at most "
              + length
              + " characters, but destination ids have up to "
              + destinationIdLength
              + alter
              + "ALTER COLUMN "
              + idColumn
              + " TYPE text");
    }
  }

  /** The problem with a track_commit_timestamp setting for LastWriteWins, or null. */
  static String commitTimestampProblem(String setting) {
    if ("on".equalsIgnoreCase(setting)) {
      return null;
    }
    return "spec.twoWay.conflictPolicy is LastWriteWins, which compares Postgres commit times with"
        + " the destination's modification times, but track_commit_timestamp is "
        + setting
        + ": ALTER SYSTEM SET track_commit_timestamp = on and restart the server (managed Postgres:"
        + " set it in the parameter group), or choose SourceWins or DestinationWins. Rows last"
        + " written before it was on have no commit time; for them the destination's change wins";
  }

  private static boolean bool(Connection c, String sql) throws SQLException {
    return "t".equals(single(c, sql).substring(0, 1));
  }

  /** The declared length of a varchar(n) or char(n) column; 0 when unbounded. */
  private static int declaredLength(Connection c, int tableOid, String column) throws SQLException {
    try (PreparedStatement statement =
        c.prepareStatement(
            "SELECT CASE WHEN atttypmod > 4 THEN atttypmod - 4 ELSE 0 END FROM pg_attribute"
                + " WHERE attrelid = ? AND attname = ?")) {
      statement.setInt(1, tableOid);
      statement.setString(2, column);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}

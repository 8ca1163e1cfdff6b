package io.serversidesync.runner.preflight;

import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What trigger capture needs of the role: either to install the triggers itself (TRIGGER on the
 * table, CREATE in the serversidesync schema, and the function its own if it exists), or, when a
 * DBA installed them as the spec needs, only to read and delete what the change table holds. Every
 * missing grant is named, with the DBA's alternative.
 */
final class TriggerChecks {

  private final SyncSettings settings;
  private final TriggerObjects objects;

  TriggerChecks(SyncSettings settings) {
    this.settings = settings;
    this.objects = new TriggerObjects(settings);
  }

  List<String> problems(Connection c, String role) throws SQLException {
    List<String> problems = new ArrayList<>();
    TriggerObjects.Installed installed = objects.installed(c);
    String table = Sql.qualified(settings.schema(), settings.table());
    String script =
        " (or have a DBA install the triggers: `sync-runner trigger-sql` prints the script, see"
            + " docs/runner.md, \"Capture with triggers\")";
    if (installed.complete()) {
      if (!privilege(
          c,
          "(SELECT has_table_privilege(t, 'SELECT') AND has_table_privilege(t, 'DELETE')"
              + " FROM (SELECT ?::text AS t) x)",
          objects.changeTable())) {
        problems.add(
            "role "
                + role
                + " cannot read and delete the change table "
                + objects.changeTable()
                + ": GRANT USAGE ON SCHEMA serversidesync TO "
                + role
                + "; GRANT SELECT, DELETE ON "
                + objects.changeTable()
                + " TO "
                + role);
      }
      return problems;
    }
    if (!privilege(c, "has_table_privilege(?, 'TRIGGER')", table)) {
      problems.add(
          "role "
              + role
              + " cannot create triggers on "
              + table
              + ", which trigger capture installs: GRANT TRIGGER ON "
              + table
              + " TO "
              + role
              + script);
    }
    if (!privilege(
        c,
        "CASE WHEN to_regnamespace(?) IS NULL THEN has_database_privilege(current_database(),"
            + " 'CREATE') ELSE has_schema_privilege('serversidesync', 'CREATE') END",
        "serversidesync")) {
      problems.add(
          "role "
              + role
              + " cannot create the change table and function in the serversidesync schema:"
              + " GRANT CREATE ON SCHEMA serversidesync TO "
              + role
              + " (or, while the schema does not exist, GRANT CREATE ON DATABASE to it)"
              + script);
    }
    if (installed.function() && !ownsFunction(c)) {
      problems.add(
          "the capture function serversidesync."
              + objects.functionName()
              + "() is not what this spec needs"
              + " (its upsert key or row filter changed) and belongs to another role, so this"
              + " role cannot replace it: have its owner run the script again"
              + script);
    }
    return problems;
  }

  private boolean ownsFunction(Connection c) throws SQLException {
    return privilege(
        c,
        "(SELECT bool_or(pg_has_role(p.proowner, 'USAGE')) FROM pg_proc p JOIN pg_namespace n"
            + " ON n.oid = p.pronamespace WHERE n.nspname = 'serversidesync'"
            + " AND p.proname = ? AND p.pronargs = 0)",
        objects.functionName());
  }

  private static boolean privilege(Connection c, String expression, String argument)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT coalesce(" + expression + ", false)")) {
      s.setString(1, argument);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}

package io.serversidesync.runner.capture;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.ServerVersion;
import io.serversidesync.runner.pg.Sql;
import io.serversidesync.runner.pg.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a publication that this role may not manage (a DBA created it for a runner with minimal
 * grants): it must publish inserts, updates and deletes of exactly the synced table, with at least
 * the needed columns and a row filter when (and only when) the spec has one. Its filter text is the
 * owner's: the stream publishes what it selects, and every read of the table ({@link
 * SnapshotReader}) selects the same rows, whatever the spec's text says.
 */
public final class ForeignPublication {

  private final SyncSettings settings;
  private final ReplicationObjects objects;

  public ForeignPublication(SyncSettings settings, ReplicationObjects objects) {
    this.settings = settings;
    this.objects = objects;
  }

  /**
   * Why the publication cannot be used as it is, with the statement its owner (or the table's
   * owner) runs; null when it can be used or when this role manages it itself.
   */
  public String problem(Connection c, TableInfo table) throws SQLException {
    if (objects.mayManagePublication(c, table)) {
      return null;
    }
    ServerVersion version = ServerVersion.of(c);
    String name = objects.name();
    String where = settings.schema() + "." + settings.table();
    String target = objects.publicationTarget(table, version);
    String owner;
    boolean publishesAll;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pg_get_userbyid(pubowner), pubinsert AND pubupdate AND pubdelete"
                + " FROM pg_publication WHERE pubname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return "role "
              + currentUser(c)
              + " may not create publication "
              + name
              + " (that takes CREATE on the database and ownership of "
              + where
              + "): as the owner of "
              + where
              + " run CREATE PUBLICATION "
              + Sql.ident(name)
              + " FOR TABLE "
              + target
              + " WITH (publish = 'insert, update, delete, truncate')";
        }
        owner = rs.getString(1);
        publishesAll = rs.getBoolean(2);
      }
    }
    String prefix = "publication " + name + " belongs to " + owner + " and ";
    if (!publishesAll) {
      return prefix
          + "does not publish inserts, updates and deletes: as "
          + owner
          + " run ALTER PUBLICATION "
          + Sql.ident(name)
          + " SET (publish = 'insert, update, delete, truncate')";
    }
    String alter =
        "as " + owner + " run ALTER PUBLICATION " + Sql.ident(name) + " SET TABLE " + target;
    Published published = published(c, version, table);
    if (published.columns == null || published.tables.size() != 1) {
      return prefix + "publishes " + published.tables + " instead of " + where + " alone: " + alter;
    }
    List<String> needed = objects.publishedColumns(table, version);
    List<String> missing = new ArrayList<>(needed == null ? table.columnTypes().keySet() : needed);
    missing.removeAll(published.columns);
    if (!missing.isEmpty()) {
      return prefix + "leaves out column(s) " + String.join(", ", missing) + ": " + alter;
    }
    if ((published.filter == null) != (settings.filter() == null)) {
      return prefix
          + (published.filter == null
              ? "has no row filter but spec.source.filter is set: "
              : "has a row filter (" + published.filter + ") but spec.source.filter is not set: ")
          + alter;
    }
    return null;
  }

  /**
   * What the publication publishes: every table, and the synced table's columns (null when it does
   * not publish it) and row filter. Before PostgreSQL 15 a publication publishes whole rows.
   */
  private Published published(Connection c, ServerVersion version, TableInfo table)
      throws SQLException {
    boolean lists = version.publicationColumnLists();
    List<String> tables = new ArrayList<>();
    List<String> columns = null;
    String filter = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT schemaname, tablename"
                + (lists ? ", attnames::text[], rowfilter" : "")
                + " FROM pg_publication_tables WHERE pubname = ?")) {
      s.setString(1, objects.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1) + "." + rs.getString(2));
          if (rs.getString(1).equals(settings.schema())
              && rs.getString(2).equals(settings.table())) {
            columns =
                lists
                    ? List.of((String[]) rs.getArray(3).getArray())
                    : List.copyOf(table.columnTypes().keySet());
            filter = lists ? rs.getString(4) : null;
          }
        }
      }
    }
    return new Published(tables, columns, filter);
  }

  private record Published(List<String> tables, List<String> columns, String filter) {}

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}

package io.serversidesync.runner.capture;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.pg.ServerVersion;
import io.serversidesync.runner.pg.Sql;
import io.serversidesync.runner.pg.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;
import org.postgresql.util.PSQLException;

/**
 * Creates, inspects and drops the sync's publication and replication slot (both named sss_<sync>).
 */
public final class ReplicationObjects {

  private final SyncSettings settings;

  public ReplicationObjects(SyncSettings settings) {
    this.settings = settings;
  }

  public String name() {
    return settings.replicationName();
  }

  /**
   * The columns the publication lists: the mapped ones plus the replica identity columns (Postgres
   * rejects UPDATE and DELETE on the table when a column list leaves out an identity column), in
   * table order. Null means "all columns": REPLICA IDENTITY FULL needs every column, and before
   * PostgreSQL 15 a publication cannot list columns (the decoder then skips the unmapped ones).
   */
  List<String> publishedColumns(TableInfo table, ServerVersion version) {
    if (table.replicaIdentity() == 'f' || !version.publicationColumnLists()) {
      return null;
    }
    Set<String> wanted = new LinkedHashSet<>(settings.columns());
    wanted.addAll(table.identityColumns());
    List<String> ordered = new ArrayList<>();
    for (String column : table.columnTypes().keySet()) {
      if (wanted.contains(column)) {
        ordered.add(column);
      }
    }
    return ordered;
  }

  /**
   * The table, column list and row filter the publication must have, as DDL text. A row filter on a
   * server without them is refused by the preflight before this is used.
   */
  String publicationTarget(TableInfo table, ServerVersion version) {
    List<String> columns = publishedColumns(table, version);
    return Sql.qualified(settings.schema(), settings.table())
        + (columns == null
            ? ""
            : " (" + String.join(", ", columns.stream().map(Sql::ident).toList()) + ")")
        + (settings.filter() == null ? "" : " WHERE (" + settings.filter() + ")");
  }

  /**
   * Whether this role may create the publication (CREATE on the database and ownership of the
   * table) or, when it exists, alter it (ownership of the publication and of the table). A role
   * with minimal grants may not: a DBA creates the publication for it.
   */
  boolean mayManagePublication(Connection c, TableInfo table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pg_has_role(t.relowner, 'USAGE') AND coalesce(pg_has_role(p.pubowner,"
                + " 'USAGE'), has_database_privilege(current_database(), 'CREATE'))"
                + " FROM pg_class t LEFT JOIN pg_publication p ON p.pubname = ? WHERE t.oid = ?")) {
      s.setString(1, name());
      s.setInt(2, table.oid());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Creates the publication, or points an existing one at the current table, columns and filter,
   * and checks in the same transaction that the application's UPDATEs and DELETEs still work with
   * it (Postgres rejects them when a row filter or column list does not fit the replica identity).
   * A publication that would break writes is rolled back. A publication this role may not manage is
   * used as it is (see {@link ForeignPublication}).
   *
   * @return null when done, else the server's explanation of why writes would fail
   */
  public String ensurePublication(Connection c, TableInfo table) throws SQLException {
    if (!mayManagePublication(c, table)) {
      return null;
    }
    String target = publicationTarget(table, ServerVersion.of(c));
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      boolean exists;
      try (PreparedStatement s =
          c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
        s.setString(1, name());
        try (ResultSet rs = s.executeQuery()) {
          exists = rs.next();
        }
      }
      try (Statement s = c.createStatement()) {
        if (exists) {
          s.execute("ALTER PUBLICATION " + Sql.ident(name()) + " SET TABLE " + target);
        } else {
          s.execute(
              "CREATE PUBLICATION "
                  + Sql.ident(name())
                  + " FOR TABLE "
                  + target
                  + " WITH (publish = 'insert, update, delete, truncate')");
        }
      }
      String key = Sql.ident(settings.upsertKey());
      String problem =
          probe(
              c,
              "UPDATE "
                  + Sql.qualified(settings.schema(), settings.table())
                  + " SET "
                  + key
                  + " = "
                  + key
                  + " WHERE false");
      if (problem == null) {
        problem =
            probe(
                c,
                "DELETE FROM "
                    + Sql.qualified(settings.schema(), settings.table())
                    + " WHERE false");
      }
      if (problem != null) {
        c.rollback();
        return problem;
      }
      c.commit();
      return null;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Runs a statement that changes no row; returns why the server refused it, if it did. */
  private static String probe(Connection c, String sql) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      s.execute(sql);
      c.releaseSavepoint(savepoint);
      return null;
    } catch (SQLException e) {
      c.rollback(savepoint);
      String state = e.getSQLState();
      if ("42501".equals(state)) {
        return null; // no UPDATE/DELETE privilege: the probe cannot tell, writes are the app's
      }
      if ("42P10".equals(state) || "55000".equals(state)) {
        String detail =
            e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getDetail()
                : null;
        String message =
            e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage()
                : e.getMessage();
        return message + (detail == null ? "" : ": " + detail);
      }
      throw e;
    }
  }

  /** Whether the publication (still) publishes the synced table. */
  public boolean publishesTable(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND schemaname = ?"
                + " AND tablename = ?")) {
      s.setString(1, name());
      s.setString(2, settings.schema());
      s.setString(3, settings.table());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The slot, if it exists in this database. */
  public Optional<ReplicationSlot> slot(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT confirmed_flush_lsn::text, coalesce(active_pid, 0), database ="
                + " current_database(), plugin FROM pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, name());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!rs.getBoolean(3) || !"pgoutput".equals(rs.getString(4))) {
          throw new SQLException(
              "replication slot "
                  + name()
                  + " exists but belongs to another database or plugin; drop it"
                  + " (SELECT pg_drop_replication_slot('"
                  + name()
                  + "')) or rename the sync");
        }
        String lsn = rs.getString(1);
        return Optional.of(
            new ReplicationSlot(name(), lsn == null ? 0 : Lsn.parse(lsn), rs.getInt(2)));
      }
    }
  }

  /**
   * Creates the slot on a replication connection and exports its snapshot. The snapshot stays valid
   * until that connection runs its next command or closes: import it before streaming.
   */
  public ReplicationSlotInfo createSlotWithSnapshot(Connection replication) throws SQLException {
    return replication
        .unwrap(PGConnection.class)
        .getReplicationAPI()
        .createReplicationSlot()
        .logical()
        .withSlotName(name())
        .withOutputPlugin("pgoutput")
        .make();
  }

  /** Drops the slot if it exists (terminating no one: an active slot makes this fail). */
  public boolean dropSlot(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = ?")) {
      s.setString(1, name());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Drops the publication if it exists and this role owns it.
   *
   * @return null when dropped (or absent), else the owner of the publication that was left
   */
  public String dropPublication(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pg_get_userbyid(pubowner) FROM pg_publication"
                + " WHERE pubname = ? AND NOT pg_has_role(pubowner, 'USAGE')")) {
      s.setString(1, name());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return rs.getString(1);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP PUBLICATION IF EXISTS " + Sql.ident(name()));
    }
    return null;
  }
}

package io.serversidesync.runner.preflight;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.ReplicationSlot;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Catalog;
import io.serversidesync.runner.pg.ServerVersion;
import io.serversidesync.runner.pg.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything is created or read, that the source database can serve the sync, and says
 * for each problem the statement or setting that fixes it. Every problem is reported at once.
 */
public final class Preflight {

  private final SyncSettings settings;
  private final int destinationIdLength;

  /**
   * @param destinationIdLength the most characters of the destination's record ids, which two-way
   *     sync writes into Postgres columns (the destination's rules)
   */
  public Preflight(SyncSettings settings, int destinationIdLength) {
    this.settings = settings;
    this.destinationIdLength = destinationIdLength;
  }

  /**
   * Runs every check.
   *
   * @return the table as the catalog describes it
   * @throws PreflightException listing every problem found
   */
  public TableInfo check(Connection c) throws SQLException, PreflightException {
    List<String> problems =
        new ArrayList<>(
            settings.triggerCapture()
                ? List.of()
                : ReplicationAccessCheck.problems(ReplicationAccessReader.read(c)));
    String user = single(c, "SELECT current_user");
    String table = settings.schema() + "." + settings.table();
    Optional<TableInfo> found = Catalog.table(c, settings.schema(), settings.table());
    if (found.isEmpty()) {
      problems.add(
          "table "
              + table
              + " does not exist in database "
              + settings.postgres().database()
              + " (spec.source.table); create it or fix the name");
      throw new PreflightException(problems);
    }
    TableInfo info = found.get();
    List<String> missing =
        settings.columns().stream().filter(col -> !info.columnTypes().containsKey(col)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          "column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + " of "
              + table
              + (missing.size() > 1 ? " do" : " does")
              + " not exist (spec.mapping[].column); add "
              + (missing.size() > 1 ? "them" : "it")
              + " or fix the mapping");
    }
    if (!"t"
        .equals(
            single(c, "SELECT has_table_privilege(" + info.oid() + ", 'SELECT')::text")
                .substring(0, 1))) {
      problems.add(
          "role " + user + " cannot read " + table + ": GRANT SELECT ON " + table + " TO " + user);
    }
    String key = settings.upsertKey();
    List<Catalog.UniqueIndex> unique =
        info.columnTypes().containsKey(key)
            ? Catalog.uniqueIndexesOn(c, info.oid(), key)
            : List.of();
    if (info.columnTypes().containsKey(key) && unique.isEmpty()) {
      problems.add(
          "the upsert key "
              + key
              + " has no unique index, so two rows could claim one destination record: CREATE"
              + " UNIQUE INDEX CONCURRENTLY "
              + settings.table()
              + "_"
              + key
              + "_key ON "
              + table
              + " ("
              + key
              + ")");
    }
    problems.addAll(ServerVersionCheck.problems(ServerVersion.of(c), settings));
    if (settings.triggerCapture()) {
      problems.addAll(new TriggerChecks(settings).problems(c, user));
    } else {
      checkReplicaIdentity(info, table, unique, problems);
      checkSlotIdle(c, problems);
    }
    if (settings.twoWay() != null) {
      new TwoWayChecks(settings, destinationIdLength).check(c, info, user, problems);
    }
    String schemaProblem = runnerSchemaProblem(c, user);
    if (schemaProblem != null) {
      problems.add(schemaProblem);
    }
    if (!problems.isEmpty()) {
      throw new PreflightException(problems);
    }
    return info;
  }

  private void checkReplicaIdentity(
      TableInfo info, String table, List<Catalog.UniqueIndex> unique, List<String> problems) {
    String key = settings.upsertKey();
    boolean noIdentity =
        info.replicaIdentity() == 'n'
            || (info.replicaIdentity() != 'f' && info.identityColumns().isEmpty());
    boolean keyVisibleOnDelete =
        info.replicaIdentity() == 'f' || info.identityColumns().contains(key);
    if (!noIdentity && (keyVisibleOnDelete || settings.deletes() != DeletePolicy.Delete)) {
      return;
    }
    String fix = identityFix(table, unique);
    if (noIdentity) {
      problems.add(
          table
              + " has no usable replica identity ("
              + (info.replicaIdentity() == 'n' ? "REPLICA IDENTITY NOTHING" : "no primary key")
              + "): once published, its UPDATEs and DELETEs would fail. Fix: "
              + fix);
    } else {
      problems.add(
          "spec.deletes is Delete but the replica identity of "
              + table
              + " ("
              + String.join(", ", info.identityColumns())
              + ") does not include the upsert key "
              + key
              + ", so a deleted row's key is not in the WAL. Fix: "
              + fix);
    }
  }

  private String identityFix(String table, List<Catalog.UniqueIndex> unique) {
    for (Catalog.UniqueIndex index : unique) {
      if (index.columnNotNull() && index.immediate()) {
        return "ALTER TABLE " + table + " REPLICA IDENTITY USING INDEX " + index.name();
      }
    }
    if (!unique.isEmpty()) {
      return "ALTER TABLE "
          + table
          + " ALTER COLUMN "
          + settings.upsertKey()
          + " SET NOT NULL, REPLICA IDENTITY USING INDEX "
          + unique.get(0).name()
          + " (or ALTER TABLE "
          + table
          + " REPLICA IDENTITY FULL, which logs whole old rows)";
    }
    return "ALTER TABLE " + table + " REPLICA IDENTITY FULL";
  }

  private void checkSlotIdle(Connection c, List<String> problems) throws SQLException {
    ReplicationObjects objects = new ReplicationObjects(settings);
    Optional<ReplicationSlot> slot;
    try {
      slot = objects.slot(c);
    } catch (SQLException e) {
      problems.add(e.getMessage());
      return;
    }
    if (slot.isPresent() && slot.get().activePid() != 0) {
      problems.add(
          "replication slot "
              + objects.name()
              + " is in use by process "
              + slot.get().activePid()
              + " (another runner of this sync?); stop that runner, or end the process with"
              + " SELECT pg_terminate_backend("
              + slot.get().activePid()
              + ")");
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Why the role cannot keep its state in the serversidesync schema (errors table, sync state), or
   * null: it needs CREATE on the database while the schema is missing, then USAGE on the schema and
   * CREATE on it while one of the runner's tables is missing.
   */
  private String runnerSchemaProblem(Connection c, String user) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT to_regnamespace('serversidesync') IS NOT NULL,"
                + " has_database_privilege(current_database(), 'CREATE'),"
                + " to_regnamespace('serversidesync') IS NULL"
                + " OR (has_schema_privilege('serversidesync', 'USAGE')"
                + " AND (has_schema_privilege('serversidesync', 'CREATE')"
                + " OR (to_regclass('serversidesync.errors') IS NOT NULL"
                + " AND to_regclass('serversidesync.syncs') IS NOT NULL)))")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        boolean exists = rs.getBoolean(1);
        if (!exists && !rs.getBoolean(2)) {
          return "role "
              + user
              + " cannot create the serversidesync schema (errors table, sync state): GRANT"
              + " CREATE ON DATABASE "
              + settings.postgres().database()
              + " TO "
              + user
              + ", or as a superuser CREATE SCHEMA serversidesync; GRANT USAGE, CREATE ON"
              + " SCHEMA serversidesync TO "
              + user;
        }
        if (exists && !rs.getBoolean(3)) {
          return "role "
              + user
              + " cannot use the serversidesync schema (errors table, sync state): GRANT"
              + " USAGE, CREATE ON SCHEMA serversidesync TO "
              + user;
        }
        return null;
      }
    }
  }
}

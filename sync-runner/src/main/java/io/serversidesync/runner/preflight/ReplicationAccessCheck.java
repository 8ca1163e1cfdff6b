package io.serversidesync.runner.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the server decodes the WAL logically and the role may use a replication slot, judged the
 * way the hosting service grants both, with the fix that service offers. A self-hosted server gets
 * the core PostgreSQL fixes; a managed service gets its own (a parameter group, a database flag, a
 * console setting, a role to grant), never a statement it forbids.
 */
final class ReplicationAccessCheck {

  /** Where the fixes are explained per service; a path, since the runner prints to terminals. */
  static final String GUIDE = " (see docs/managed-postgres.md)";

  private ReplicationAccessCheck() {}

  static List<String> problems(ReplicationAccess facts) {
    List<String> problems = new ArrayList<>();
    ManagedService service = ManagedService.of(facts);
    if (service == ManagedService.HEROKU) {
      if (!facts.logicalWal() || !facts.replicationAttribute()) {
        problems.add(
            "this looks like Heroku Postgres (it has the extwlist.extensions setting), which gives"
                + " customers no replication slots, so role "
                + facts.user()
                + " cannot capture from the WAL: set spec.source.capture: Triggers, which captures"
                + " with triggers instead"
                + GUIDE);
      }
      return problems;
    }
    if (!facts.logicalWal()) {
      problems.add(walProblem(service, facts));
    }
    if (!mayReplicate(service, facts)) {
      problems.add(roleProblem(service, facts));
    }
    return problems;
  }

  /** Whether the role may create and read a slot: the core attribute, or the service's grant. */
  private static boolean mayReplicate(ManagedService service, ReplicationAccess facts) {
    if (facts.replicationAttribute()) {
      return true;
    }
    return switch (service) {
      case RDS -> facts.memberOf("rds_replication");
      // Neon documents that neon_superuser, whose members its console creates, may replicate
      case NEON -> facts.memberOf("neon_superuser");
      // Supabase documents the postgres user as the one that creates replication slots
      case SUPABASE -> "postgres".equals(facts.user());
      default -> false;
    };
  }

  private static String walProblem(ManagedService service, ReplicationAccess facts) {
    String wal = "wal_level is " + facts.walLevel();
    return switch (service) {
      case RDS ->
          facts.settingOn("rds.logical_replication")
              ? "rds.logical_replication is on but "
                  + wal
                  + ": the parameter takes effect only after a reboot; reboot the DB instance"
                  + " (Aurora: the writer instance)"
                  + GUIDE
              : wal
                  + " (Amazon RDS or Aurora, rds.logical_replication is "
                  + facts.setting("rds.logical_replication").orElse("not set")
                  + "): set rds.logical_replication = 1 in the instance's DB parameter group"
                  + " (Aurora: the DB cluster parameter group; a default group cannot be edited, so"
                  + " attach a custom one) and reboot"
                  + GUIDE;
      case CLOUD_SQL ->
          wal
              + " (Cloud SQL, database flag cloudsql.logical_decoding is "
              + facts.setting("cloudsql.logical_decoding").orElse("not set")
              + "): set the database flag cloudsql.logical_decoding to on for the instance"
              + " and restart it"
              + GUIDE;
      case AZURE_FLEXIBLE ->
          wal
              + " (Azure Database for PostgreSQL Flexible Server): set the server parameter"
              + " wal_level to logical (portal: Server parameters) and restart the server"
              + GUIDE;
      case AZURE_SINGLE ->
          wal
              + " (Azure Database for PostgreSQL Single Server, azure.replication_support is "
              + facts.setting("azure.replication_support").orElse("not set")
              + "): set azure.replication_support to logical and restart the server; Single"
              + " Server is retired, Flexible Server is its successor"
              + GUIDE;
      case NEON ->
          wal
              + " (Neon): enable logical replication in the Neon Console's project settings;"
              + " it cannot be turned off again and restarts the project's computes"
              + GUIDE;
      case SUPABASE ->
          wal
              + " (Supabase), logical replication needs wal_level = logical; Supabase manages"
              + " the server's configuration, so ask Supabase support"
              + GUIDE;
      default ->
          wal
              + ", logical replication needs wal_level = logical: set it in postgresql.conf (on"
              + " managed Postgres: the parameter group, e.g. rds.logical_replication = 1) and"
              + " restart the server";
    };
  }

  private static String roleProblem(ManagedService service, ReplicationAccess facts) {
    String user = facts.user();
    return switch (service) {
      case RDS ->
          "role "
              + user
              + " may not use replication slots: Amazon RDS and Aurora grant them through the"
              + " rds_replication role, not the REPLICATION attribute (the master user has none,"
              + " so it cannot give it); as the master user or another rds_superuser member run"
              + " GRANT rds_replication TO "
              + user
              + GUIDE;
      case CLOUD_SQL ->
          "role "
              + user
              + " lacks the REPLICATION attribute: as a member of cloudsqlsuperuser (e.g. the"
              + " postgres user) run ALTER USER "
              + user
              + " WITH REPLICATION"
              + GUIDE;
      case AZURE_FLEXIBLE, AZURE_SINGLE ->
          "role "
              + user
              + " lacks the REPLICATION attribute: as the server admin (a member of"
              + " azure_pg_admin) run ALTER ROLE "
              + user
              + " WITH REPLICATION"
              + GUIDE;
      case NEON ->
          "role "
              + user
              + " may not replicate: connect as a role created in the Neon Console, CLI or API"
              + " (those are members of neon_superuser, which may), or as such a role run ALTER"
              + " ROLE "
              + user
              + " WITH REPLICATION"
              + GUIDE;
      case SUPABASE ->
          facts.major() < 17
              ? "role "
                  + user
                  + " may not create replication slots: on Supabase before PostgreSQL 17 only"
                  + " the postgres user can, so connect as postgres"
                  + GUIDE
              : "role "
                  + user
                  + " lacks the REPLICATION attribute: as the postgres user run ALTER ROLE "
                  + user
                  + " WITH REPLICATION"
                  + GUIDE;
      default ->
          "role "
              + user
              + " lacks the REPLICATION attribute: run ALTER ROLE "
              + user
              + " WITH REPLICATION (as a superuser)";
    };
  }
}

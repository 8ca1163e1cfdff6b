package io.serversidesync.runner.preflight;

/**
 * The hosting of the source database, as far as it decides how replication is granted. Recognised
 * by roles and settings that only the service creates; anything else is treated as self-hosted.
 */
enum ManagedService {
  SUPABASE("Supabase"),
  NEON("Neon"),
  CLOUD_SQL("Cloud SQL for PostgreSQL"),
  AZURE_SINGLE("Azure Database for PostgreSQL Single Server"),
  AZURE_FLEXIBLE("Azure Database for PostgreSQL Flexible Server"),
  RDS("Amazon RDS or Aurora PostgreSQL"),
  HEROKU("Heroku Postgres"),
  SELF_HOSTED("self-hosted PostgreSQL");

  private final String label;

  ManagedService(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The service behind these facts. Services whose own role names are unmistakable come first: a
   * self-managed server could carry a role named like another provider's, never the other way
   * round.
   */
  static ManagedService of(ReplicationAccess facts) {
    if (facts.hasRole("supabase_admin")) {
      return SUPABASE;
    }
    if (facts.hasRole("neon_superuser")) {
      return NEON;
    }
    if (facts.hasRole("cloudsqlsuperuser")) {
      return CLOUD_SQL;
    }
    if (facts.hasRole("azure_pg_admin")) {
      // only Single Server has azure.replication_support; Flexible Server uses wal_level itself
      return facts.setting("azure.replication_support").isPresent() ? AZURE_SINGLE : AZURE_FLEXIBLE;
    }
    if (facts.hasRole("rds_superuser") || facts.setting("rds.logical_replication").isPresent()) {
      return RDS;
    }
    if (facts.setting("extwlist.extensions").isPresent()) {
      return HEROKU;
    }
    return SELF_HOSTED;
  }
}

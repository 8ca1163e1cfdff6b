package io.serversidesync.runner.preflight;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog says about whether the current role may read the WAL through a logical
 * replication slot. Managed services grant this their own way (a role membership instead of the
 * REPLICATION attribute, a parameter instead of {@code wal_level}), so the facts include the roles
 * and settings by which each service does it and by which it can be recognised.
 *
 * @param serverVersionNum {@code server_version_num}, e.g. 170006
 * @param user the role the runner connects as
 * @param walLevel {@code wal_level}
 * @param rolReplication whether the role itself has the REPLICATION attribute
 * @param rolSuper whether the role is a superuser
 * @param roles each role of {@link #ROLES} that exists, mapped to whether the user is a member of
 *     it (directly or through other roles)
 * @param settings each setting of {@link #SETTINGS} that the server knows, with its value
 */
public record ReplicationAccess(
    int serverVersionNum,
    String user,
    String walLevel,
    boolean rolReplication,
    boolean rolSuper,
    Map<String, Boolean> roles,
    Map<String, String> settings) {

  /** Roles that only a managed service creates, or by which it grants replication. */
  public static final List<String> ROLES =
      List.of(
          "rds_superuser",
          "rds_replication",
          "cloudsqlsuperuser",
          "azure_pg_admin",
          "supabase_admin",
          "neon_superuser");

  /**
   * Settings that only exist on a managed service. {@code extwlist.extensions} is the extension
   * allow-list Heroku Postgres loads into every session.
   */
  public static final List<String> SETTINGS =
      List.of(
          "rds.logical_replication",
          "cloudsql.logical_decoding",
          "azure.replication_support",
          "extwlist.extensions");

  public ReplicationAccess {
    roles = Map.copyOf(roles);
    settings = Map.copyOf(settings);
  }

  public boolean hasRole(String role) {
    return roles.containsKey(role);
  }

  public boolean memberOf(String role) {
    return roles.getOrDefault(role, false);
  }

  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  /** Whether a boolean setting is present and on, in any spelling Postgres accepts for true. */
  public boolean settingOn(String name) {
    return setting(name)
        .map(v -> v.equals("on") || v.equals("1") || v.equals("true"))
        .orElse(false);
  }

  public boolean logicalWal() {
    return "logical".equals(walLevel);
  }

  /** Whether core PostgreSQL lets the role create and read replication slots. */
  public boolean replicationAttribute() {
    return rolSuper || rolReplication;
  }

  public int major() {
    return serverVersionNum / 10_000;
  }
}

package io.serversidesync.runner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replication checks against catalog answers as each service gives them: its roles, its
 * settings present or absent, the role's attributes and memberships.
 */
class ReplicationAccessCheckTest {

  private static final int PG16 = 160004;

  private static ReplicationAccess facts(
      String walLevel,
      boolean replication,
      Map<String, Boolean> roles,
      Map<String, String> settings) {
    return new ReplicationAccess(PG16, "app", walLevel, replication, false, roles, settings);
  }

  private static final Map<String, Boolean> RDS_MEMBER =
      Map.of("rds_superuser", false, "rds_replication", true);
  private static final Map<String, Boolean> RDS_OUTSIDER =
      Map.of("rds_superuser", false, "rds_replication", false);

  @Test
  void anRdsRoleInRdsReplicationWithoutTheAttributeIsAccepted() {
    ReplicationAccess rds =
        facts("logical", false, RDS_MEMBER, Map.of("rds.logical_replication", "on"));
    assertThat(ManagedService.of(rds)).isEqualTo(ManagedService.RDS);
    assertThat(ReplicationAccessCheck.problems(rds)).isEmpty();
  }

  @Test
  void anRdsRoleOutsideRdsReplicationIsToldToBeGrantedItNotToAlterTheRole() {
    assertThat(
            ReplicationAccessCheck.problems(
                facts("logical", false, RDS_OUTSIDER, Map.of("rds.logical_replication", "on"))))
        .singleElement()
        .asString()
        .contains("GRANT rds_replication TO app")
        .contains("docs/managed-postgres.md")
        .doesNotContain("ALTER ROLE");
  }

  @Test
  void rdsWithLogicalReplicationOffNamesTheParameterGroup() {
    assertThat(
            ReplicationAccessCheck.problems(
                facts("replica", false, RDS_MEMBER, Map.of("rds.logical_replication", "off"))))
        .containsExactly(
            "wal_level is replica (Amazon RDS or Aurora, rds.logical_replication is off): set"
                + " rds.logical_replication = 1 in the instance's DB parameter group (Aurora: the"
                + " DB cluster parameter group; a default group cannot be edited, so attach a"
                + " custom one) and reboot (see docs/managed-postgres.md)");
  }

  @Test
  void rdsWithTheParameterOnButNoRebootYetAsksForTheReboot() {
    assertThat(
            ReplicationAccessCheck.problems(
                facts("replica", false, RDS_MEMBER, Map.of("rds.logical_replication", "on"))))
        .singleElement()
        .asString()
        .startsWith("rds.logical_replication is on but wal_level is replica")
        .contains("reboot the DB instance");
  }

  @Test
  void cloudSqlWithTheFlagOffNamesTheFlagAndWithItOnPasses() {
    Map<String, Boolean> cloudSql = Map.of("cloudsqlsuperuser", false);
    assertThat(
            ReplicationAccessCheck.problems(
                facts("replica", true, cloudSql, Map.of("cloudsql.logical_decoding", "off"))))
        .singleElement()
        .asString()
        .contains("cloudsql.logical_decoding is off")
        .contains("set the database flag cloudsql.logical_decoding to on");
    assertThat(
            ReplicationAccessCheck.problems(
                facts("logical", true, cloudSql, Map.of("cloudsql.logical_decoding", "on"))))
        .isEmpty();
  }

  @Test
  void cloudSqlWithoutTheAttributeNamesAlterUserAsCloudSqlSuperuser() {
    assertThat(
            ReplicationAccessCheck.problems(
                facts("logical", false, Map.of("cloudsqlsuperuser", true), Map.of())))
        .containsExactly(
            "role app lacks the REPLICATION attribute: as a member of cloudsqlsuperuser (e.g."
                + " the postgres user) run ALTER USER app WITH REPLICATION (see"
                + " docs/managed-postgres.md)");
  }

  @Test
  void azureFlexibleServerNamesTheServerParameterAndTheAdmin() {
    ReplicationAccess azure = facts("replica", false, Map.of("azure_pg_admin", true), Map.of());
    assertThat(ManagedService.of(azure)).isEqualTo(ManagedService.AZURE_FLEXIBLE);
    assertThat(ReplicationAccessCheck.problems(azure))
        .containsExactly(
            "wal_level is replica (Azure Database for PostgreSQL Flexible Server): set the"
                + " server parameter wal_level to logical (portal: Server parameters) and restart"
                + " the server (see docs/managed-postgres.md)",
            "role app lacks the REPLICATION attribute: as the server admin (a member of"
                + " azure_pg_admin) run ALTER ROLE app WITH REPLICATION (see"
                + " docs/managed-postgres.md)");
  }

  @Test
  void azureSingleServerNamesReplicationSupport() {
    ReplicationAccess single =
        facts(
            "replica",
            true,
            Map.of("azure_pg_admin", false),
            Map.of("azure.replication_support", "replica"));
    assertThat(ManagedService.of(single)).isEqualTo(ManagedService.AZURE_SINGLE);
    assertThat(ReplicationAccessCheck.problems(single))
        .singleElement()
        .asString()
        .contains("azure.replication_support is replica")
        .contains("set azure.replication_support to logical");
  }

  @Test
  void supabaseBefore17NeedsThePostgresUserFrom17AnAlterRole() {
    Map<String, Boolean> supabase = Map.of("supabase_admin", false);
    ReplicationAccess on15 =
        new ReplicationAccess(150008, "app", "logical", false, false, supabase, Map.of());
    assertThat(ReplicationAccessCheck.problems(on15))
        .singleElement()
        .asString()
        .contains("on Supabase before PostgreSQL 17 only the postgres user can");
    ReplicationAccess asPostgres =
        new ReplicationAccess(150008, "postgres", "logical", false, false, supabase, Map.of());
    assertThat(ReplicationAccessCheck.problems(asPostgres)).isEmpty();
    ReplicationAccess on17 =
        new ReplicationAccess(170004, "app", "logical", false, false, supabase, Map.of());
    assertThat(ReplicationAccessCheck.problems(on17))
        .singleElement()
        .asString()
        .contains("as the postgres user run ALTER ROLE app WITH REPLICATION");
  }

  @Test
  void neonAcceptsNeonSuperuserMembersAndPointsAtTheProjectSetting() {
    assertThat(
            ReplicationAccessCheck.problems(
                facts("logical", false, Map.of("neon_superuser", true), Map.of())))
        .isEmpty();
    assertThat(
            ReplicationAccessCheck.problems(
                facts("replica", false, Map.of("neon_superuser", false), Map.of())))
        .satisfiesExactly(
            wal ->
                assertThat(wal)
                    .contains("enable logical replication in the Neon Console's project settings"),
            role ->
                assertThat(role)
                    .contains("a role created in the Neon Console, CLI or API")
                    .contains("neon_superuser"));
  }

  @Test
  void herokuWithNoWayToReplicatePointsAtTriggerCapture() {
    ReplicationAccess heroku =
        facts("logical", false, Map.of(), Map.of("extwlist.extensions", "btree_gin,hstore"));
    assertThat(ManagedService.of(heroku)).isEqualTo(ManagedService.HEROKU);
    assertThat(ReplicationAccessCheck.problems(heroku))
        .singleElement()
        .asString()
        .contains("gives customers no replication slots")
        .contains("set spec.source.capture: Triggers")
        .doesNotContain("ALTER ROLE");
  }

  @Test
  void selfHostedKeepsTheCorePostgresMessages() {
    ReplicationAccess plain = facts("replica", false, Map.of(), Map.of());
    assertThat(ManagedService.of(plain)).isEqualTo(ManagedService.SELF_HOSTED);
    assertThat(ReplicationAccessCheck.problems(plain))
        .containsExactly(
            "wal_level is replica, logical replication needs wal_level = logical: set it in"
                + " postgresql.conf (on managed Postgres: the parameter group, e.g."
                + " rds.logical_replication = 1) and restart the server",
            "role app lacks the REPLICATION attribute: run ALTER ROLE app WITH REPLICATION (as a"
                + " superuser)");
  }

  @Test
  void aSuperuserOrTheAttributePassesEverywhere() {
    assertThat(
            ReplicationAccessCheck.problems(
                new ReplicationAccess(PG16, "admin", "logical", false, true, Map.of(), Map.of())))
        .isEmpty();
    assertThat(
            ReplicationAccessCheck.problems(
                facts("logical", true, RDS_OUTSIDER, Map.of("rds.logical_replication", "1"))))
        .isEmpty();
  }

  @Test
  void providerRolesWinOverAStrayRdsRole() {
    // the names only one provider creates are looked at before RDS's, which a DBA might imitate
    ReplicationAccess both =
        facts("logical", false, Map.of("neon_superuser", true, "rds_superuser", false), Map.of());
    assertThat(ManagedService.of(both)).isEqualTo(ManagedService.NEON);
  }
}

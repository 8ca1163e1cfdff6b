package io.serversidesync.runner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog reader and the check on a real server dressed as Amazon RDS: roles named
 * rds_superuser and rds_replication, and a role without the REPLICATION attribute. Roles belong to
 * the whole cluster, so everything happens in one transaction that is rolled back, with SET ROLE to
 * act as the application role: no other test ever sees these roles.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ReplicationAccessIT {

  private static ReplicationAccess asRdsRole(PostgresDatabase db, boolean granted)
      throws SQLException {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE ROLE rds_superuser NOLOGIN");
        s.execute("CREATE ROLE rds_replication NOLOGIN");
        s.execute("CREATE ROLE sss_rds_app LOGIN NOREPLICATION NOSUPERUSER");
        if (granted) {
          s.execute("GRANT rds_replication TO sss_rds_app");
        }
        s.execute("SET ROLE sss_rds_app");
        return ReplicationAccessReader.read(c);
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void aMemberOfRdsReplicationWithoutTheAttributeIsAccepted(PostgresDatabase db)
      throws SQLException {
    ReplicationAccess facts = asRdsRole(db, true);
    assertThat(facts.user()).isEqualTo("sss_rds_app");
    assertThat(facts.rolReplication()).isFalse();
    assertThat(facts.rolSuper()).isFalse();
    assertThat(facts.walLevel()).isEqualTo("logical");
    assertThat(facts.roles()).containsEntry("rds_replication", true);
    assertThat(facts.settings()).doesNotContainKey("rds.logical_replication");
    assertThat(ManagedService.of(facts)).isEqualTo(ManagedService.RDS);
    assertThat(ReplicationAccessCheck.problems(facts)).isEmpty();
  }

  @Test
  void withoutTheGrantItIsRefusedWithTheGrantThatFixesIt(PostgresDatabase db) throws SQLException {
    ReplicationAccess facts = asRdsRole(db, false);
    assertThat(facts.roles()).containsEntry("rds_replication", false);
    assertThat(ReplicationAccessCheck.problems(facts))
        .singleElement()
        .asString()
        .contains("GRANT rds_replication TO sss_rds_app")
        .doesNotContain("ALTER ROLE");
  }

  @Test
  void theTestClustersOwnRoleReadsAsSelfHostedAndPasses(PostgresDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      ReplicationAccess facts = ReplicationAccessReader.read(c);
      assertThat(facts.serverVersionNum()).isGreaterThanOrEqualTo(130000);
      assertThat(facts.roles()).isEmpty();
      assertThat(facts.settings()).isEmpty();
      assertThat(ManagedService.of(facts)).isEqualTo(ManagedService.SELF_HOSTED);
      assertThat(ReplicationAccessCheck.problems(facts)).isEmpty();
    }
  }
}

package io.serversidesync.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PostgresExtensionIT {

  @Test
  void givesALogicalReplicationCapableServer(PostgresDatabase db) {
    assertThat(db.query("SHOW wal_level").get(0).get("wal_level")).isEqualTo("logical");
    assertThat(db.queryLong("SELECT current_setting('server_version_num')::int"))
        .isGreaterThanOrEqualTo(150000);
  }

  @Test
  void givesAFreshDatabasePerClass(PostgresDatabase db) {
    assertThat(db.name()).startsWith("t_postgresextensionit_");
    db.execute(
        "CREATE TABLE IF NOT EXISTS probe (id int primary key)",
        "INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
    assertThat(db.queryLong("SELECT count(*) FROM probe")).isEqualTo(1);
  }

  @Test
  void survivesARestart(PostgresDatabase db, PostgresCluster cluster) {
    cluster.restart();
    assertThat(db.queryLong("SELECT 1")).isEqualTo(1);
  }
}

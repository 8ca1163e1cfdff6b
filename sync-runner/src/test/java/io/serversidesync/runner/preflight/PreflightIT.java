package io.serversidesync.runner.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.capture.ChangeStream;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.TableInfo;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each preflight problem is found and names its fix. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PreflightIT {

  private static PreflightException problems(PostgresDatabase db, SyncSettings settings)
      throws Exception {
    try (Connection c = db.connect()) {
      new Preflight(settings, 18).check(c);
    } catch (PreflightException e) {
      return e;
    }
    throw new AssertionError("preflight passed");
  }

  @Test
  void aGoodTablePasses(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE good (ref text PRIMARY KEY, v text)");
    try (Connection c = db.connect()) {
      TableInfo info =
          new Preflight(
                  EngineHarness.settings(db, "good", "good", DeletePolicy.Delete, "ref", "v"), 18)
              .check(c);
      assertThat(info.identityColumns()).containsExactly("ref");
      assertThat(info.replicaIdentity()).isEqualTo('d');
    }
  }

  @Test
  void missingTableAndColumns(PostgresDatabase db) throws Exception {
    assertThat(
            problems(db, EngineHarness.settings(db, "x", "nothere", DeletePolicy.Ignore, "ref"))
                .getMessage())
        .contains("table public.nothere does not exist in database " + db.name());
    db.execute("CREATE TABLE cols (ref text PRIMARY KEY)");
    assertThat(
            problems(
                    db,
                    EngineHarness.settings(db, "x", "cols", DeletePolicy.Ignore, "ref", "a", "b"))
                .problems())
        .containsExactly(
            "columns a, b of public.cols do not exist (spec.mapping[].column); add them or fix"
                + " the mapping");
  }

  @Test
  void replicaIdentityProblemsNameTheAlterTable(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE surrogate (id int PRIMARY KEY, ref text NOT NULL, v text)",
        "CREATE UNIQUE INDEX surrogate_ref ON surrogate (ref)",
        "CREATE TABLE nokey (ref text, v text)",
        "CREATE UNIQUE INDEX nokey_ref ON nokey (ref)");
    // deletes: Ignore is fine with a surrogate primary key
    try (Connection c = db.connect()) {
      new Preflight(
              EngineHarness.settings(db, "s", "surrogate", DeletePolicy.Ignore, "ref", "v"), 18)
          .check(c);
    }
    assertThat(
            problems(
                    db,
                    EngineHarness.settings(db, "s", "surrogate", DeletePolicy.Delete, "ref", "v"))
                .getMessage())
        .contains("the replica identity of public.surrogate (id) does not include the upsert key")
        .contains("ALTER TABLE public.surrogate REPLICA IDENTITY USING INDEX surrogate_ref");
    assertThat(
            problems(db, EngineHarness.settings(db, "n", "nokey", DeletePolicy.Ignore, "ref", "v"))
                .getMessage())
        .contains("public.nokey has no usable replica identity (no primary key)")
        .contains(
            "ALTER TABLE public.nokey ALTER COLUMN ref SET NOT NULL, REPLICA IDENTITY USING INDEX"
                + " nokey_ref");
  }

  @Test
  void roleWithoutReplicationOrReadAccess(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE guarded (ref text PRIMARY KEY, v text)",
        "DROP ROLE IF EXISTS sss_plain",
        "CREATE ROLE sss_plain LOGIN PASSWORD 'plain-pw'");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "sss_plain", "plain-pw")) {
      assertThatThrownBy(
              () ->
                  new Preflight(
                          EngineHarness.settings(
                              db, "g", "guarded", DeletePolicy.Ignore, "ref", "v"),
                          18)
                      .check(c))
          .isInstanceOf(PreflightException.class)
          .hasMessageContaining(
              "role sss_plain lacks the REPLICATION attribute: run ALTER ROLE sss_plain WITH"
                  + " REPLICATION")
          .hasMessageContaining("GRANT SELECT ON public.guarded TO sss_plain");
    } finally {
      db.execute("DROP ROLE sss_plain");
    }
  }

  @Test
  void aSlotInUseByAnotherProcess(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE busy (ref text PRIMARY KEY, v text)",
        "CREATE PUBLICATION sss_busy FOR TABLE busy",
        "SELECT pg_create_logical_replication_slot('sss_busy', 'pgoutput')");
    SyncSettings settings = EngineHarness.settings(db, "busy", "busy", DeletePolicy.Ignore, "ref");
    PostgresConnector connector = new PostgresConnector(settings.postgres(), "other-runner");
    // another runner streams from the slot
    try (ChangeStream other =
        ChangeStream.start(
            connector.connectReplication(), "sss_busy", "sss_busy", 0, Duration.ofSeconds(10))) {
      other.poll();
      assertThat(problems(db, settings).getMessage())
          .contains("replication slot sss_busy is in use by process")
          .contains("SELECT pg_terminate_backend(");
    }
  }
}

package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trigger capture with minimal grants: a role that may only read the table is told every grant it
 * lacks and the DBA's alternative, creates nothing, and once a DBA ran the script syncs with no
 * more than SELECT on the table and SELECT and DELETE on the change table.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TriggerGrantsIT {

  @Test
  void aRoleThatMayOnlyReadIsToldTheGrantsThenSyncsWithTheDbasScript(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE tg_min (ref text PRIMARY KEY, v text)",
        "INSERT INTO tg_min VALUES ('before', 'v')",
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sss_reader') THEN"
            + " CREATE ROLE sss_reader LOGIN PASSWORD 'reader-pw'; END IF; END $$",
        "GRANT SELECT ON tg_min TO sss_reader");
    SyncSettings settings =
        EngineHarness.settings(db, "tg_min", "tg_min", DeletePolicy.Delete, "ref", "v")
            .withCapture(CaptureMethod.Triggers)
            .withPostgres(
                new PostgresSettings(
                    db.host(),
                    db.port(),
                    db.name(),
                    "sss_reader",
                    "reader-pw",
                    SslMode.DISABLE,
                    null));
    EngineHarness refused =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start();
    await().atMost(Duration.ofSeconds(30)).until(() -> !refused.running());
    assertThat(refused.failure.get())
        .isInstanceOf(PreflightException.class)
        .hasMessageContaining("GRANT TRIGGER ON \"public\".\"tg_min\" TO sss_reader")
        .hasMessageContaining("cannot create the change table and function")
        .hasMessageContaining("`sync-runner trigger-sql` prints the script")
        // no replication is asked of a trigger-capture role
        .message()
        .doesNotContain("REPLICATION")
        .doesNotContain("wal_level");
    assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'tg_min'::regclass"))
        .isZero();

    // the DBA runs the script trigger-sql prints (its statements and grants)
    TriggerObjects objects = new TriggerObjects(settings);
    List<String> script = new ArrayList<>(objects.installStatements());
    script.add("GRANT USAGE, CREATE ON SCHEMA serversidesync TO sss_reader");
    script.add("GRANT SELECT, DELETE ON " + objects.changeTable() + " TO sss_reader");
    db.execute(script.toArray(String[]::new));

    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "INSERT INTO tg_min VALUES ('after', 'v')", "DELETE FROM tg_min WHERE ref = 'before'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.destination.records.containsKey("after") && h.destination.deleted.size() == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> db.queryLong("SELECT count(*) FROM " + objects.changeTable()) == 0);
      assertThat(h.failure.get()).isNull();
    }
  }
}

package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions carrying the sync's own replication origin (sss_&lt;name&gt;: the runner's writes in
 * two-way sync) are not sent; transactions of any other origin are.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class OwnOriginIT {

  private static void writeUnderOrigin(PostgresDatabase db, String origin, String sql)
      throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_replication_origin_create('"
              + origin
              + "') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_origin WHERE roname = '"
              + origin
              + "')");
      s.execute("SELECT pg_replication_origin_session_setup('" + origin + "')");
      s.execute(sql);
      s.execute("SELECT pg_replication_origin_session_reset()");
    }
  }

  @Test
  void theSyncsOwnOriginIsSkippedAndOtherOriginsAreDelivered(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE origins (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "origins", "origins", DeletePolicy.Delete, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      db.execute("INSERT INTO origins VALUES ('A', 'app')");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("A"));
      long captured = h.state.changesCaptured();

      writeUnderOrigin(
          db,
          "sss_origins",
          "INSERT INTO origins VALUES ('OWN', 'runner'); UPDATE origins SET v = 'runner' WHERE"
              + " ref = 'A'; DELETE FROM origins WHERE ref = 'A'");
      writeUnderOrigin(db, "other_replication", "INSERT INTO origins VALUES ('OTHER', 'other')");
      db.execute("INSERT INTO origins VALUES ('LATER', 'app')");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.destination.records.containsKey("LATER"));
      assertThat(h.destination.records).containsOnlyKeys("A", "OTHER", "LATER");
      assertThat(h.destination.records.get("A").get("V__c")).isEqualTo("app");
      assertThat(h.destination.deleted).isEmpty();
      assertThat(h.state.changesCaptured()).isEqualTo(captured + 2);
      assertThat(h.failure.get()).isNull();
    }
  }
}

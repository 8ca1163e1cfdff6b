package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A killed walsender, a Postgres restart and a dropped slot lose nothing. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ResilienceIT {

  private static void writeBatch(PostgresDatabase db, int from, int to) {
    db.execute(
        "INSERT INTO res SELECT 'r' || i, 'v' || i FROM generate_series("
            + from
            + ", "
            + to
            + ") i ON CONFLICT (ref) DO UPDATE SET v = EXCLUDED.v || '-updated'",
        "UPDATE res SET v = v || '+' WHERE ref IN (SELECT 'r' || i FROM generate_series("
            + from
            + ", "
            + to
            + ", 7) i)");
  }

  @Test
  void killedWalsenderAndServerRestartLoseNothing(PostgresDatabase db, PostgresCluster cluster)
      throws Exception {
    db.execute("CREATE TABLE res (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "res", "res", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      writeBatch(db, 1, 2000);
      h.destination.hold(); // changes in flight and pending when the connection drops
      writeBatch(db, 1500, 3000);
      assertThat(cluster.terminateWalSenders()).isGreaterThanOrEqualTo(1);
      writeBatch(db, 2500, 4000);
      h.destination.release();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowIT.destination(h.destination))
                      .isEqualTo(CaptureFlowIT.source(db, "res")));

      writeBatch(db, 3500, 5000);
      cluster.restart();
      writeBatch(db, 4500, 6000);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowIT.destination(h.destination))
                      .isEqualTo(CaptureFlowIT.source(db, "res")));
      await().atMost(Duration.ofSeconds(30)).until(h.state::ready);
      assertThat(h.failure.get()).isNull();
    }
  }

  /**
   * Someone drops the slot under a streaming runner (terminating its walsender first, since an
   * active slot cannot be dropped). The runner creates a new slot and reads the table again, so
   * every row changed meanwhile reaches the destination.
   */
  @Test
  void aSlotDroppedUnderTheRunnerIsCreatedAgainAndTheTableReadAgain(
      PostgresDatabase db, PostgresCluster cluster) {
    db.execute(
        "CREATE TABLE slotloss (ref text PRIMARY KEY, v text)",
        "INSERT INTO slotloss SELECT 'r' || i, 'v' || i FROM generate_series(1, 500) i");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "slotloss", "slotloss", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.size() == 500);
      // as a DBA would: stop its consumer and drop it before the runner reconnects
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                cluster.terminateWalSenders();
                try {
                  db.execute("SELECT pg_drop_replication_slot('sss_slotloss')");
                  return true;
                } catch (IllegalStateException stillActive) {
                  return false;
                }
              });
      db.execute("UPDATE slotloss SET v = v || '-while-gone' WHERE ref IN ('r1', 'r2', 'r3')");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowIT.destination(h.destination))
                      .isEqualTo(CaptureFlowIT.source(db, "slotloss")));
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_slotloss'"))
          .isEqualTo(1);
      db.execute("UPDATE slotloss SET v = 'streamed again' WHERE ref = 'r4'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "streamed again".equals(h.destination.records.get("r4").get("V__c")));
      await().atMost(Duration.ofSeconds(30)).until(h.state::ready);
      assertThat(h.failure.get()).isNull();
    }
  }
}

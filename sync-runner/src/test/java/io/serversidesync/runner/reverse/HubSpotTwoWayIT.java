package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-way sync with HubSpot end to end against a real Postgres and the sandbox: an edit made in
 * HubSpot arrives, every row learns its hs_object_id, the runner's own writes never come back.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class HubSpotTwoWayIT {

  private static final String UPSERT = "hubspot.batch.upsert";

  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
    sandbox.clock().reset();
  }

  private static TwoWayRun start(SyncSettings settings) throws Exception {
    RunnerState state = new RunnerState(settings.name());
    return new TwoWayRun(
            settings,
            HubSpotTwoWayFixture.hubSpot(sandbox, settings, state),
            state,
            TwoWayFixture.FAST)
        .start();
  }

  /** Every row has the hs_object_id of the HubSpot record with its key. */
  private static void awaitIdsFilled(PostgresDatabase db, String table, int rows) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Map<String, Object>> pg = HubSpotTwoWayFixture.rows(db, table);
              Map<String, HubSpotRecord> hs = HubSpotTwoWayFixture.contacts(sandbox);
              assertThat(pg).hasSize(rows);
              pg.forEach(
                  (ref, row) -> {
                    assertThat(hs).containsKey(ref);
                    assertThat(row.get("hs_id")).isEqualTo(Long.toString(hs.get(ref).id()));
                  });
            });
  }

  @Test
  void anEditMadeInHubSpotArrivesInPostgresWithoutAForwardCall(PostgresDatabase db)
      throws Exception {
    HubSpotTwoWayFixture.createTable(db, "hs_arrive");
    db.execute(
        "INSERT INTO hs_arrive (ref, last_name, email) SELECT 'C-' || i, 'Name' || i,"
            + " 'c' || i || '@example.com' FROM generate_series(1, 20) i");
    Duration pollInterval = Duration.ofSeconds(1);
    SyncSettings settings =
        HubSpotTwoWayFixture.settings(db, "hs_arrive", ConflictPolicy.SourceWins, pollInterval);
    try (TwoWayRun run = start(settings)) {
      awaitIdsFilled(db, "hs_arrive", 20);
      ReverseStats reverse = run.reverse();
      // the forward writes are read back once (echoes) and applied nowhere
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.recordsRead() >= 20);
      long pollsBefore = reverse.polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= pollsBefore + 2);
      assertThat(reverse.rowsApplied()).isZero();
      StatsSnapshot before = sandbox.stats();
      long written = run.state.recordsWritten();
      long captured = run.state.changesCaptured();

      sandbox
          .hubSpot()
          .editAsUser(
              "contacts", "customer_ref", "C-7", Map.of("email", "edited.in.hubspot@example.com"));
      await()
          .atMost(pollInterval.plusSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  "edited.in.hubspot@example.com"
                      .equals(HubSpotTwoWayFixture.rows(db, "hs_arrive").get("C-7").get("email")));
      long pollsAfter = reverse.polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= pollsAfter + 3);

      assertThat(reverse.rowsApplied()).isEqualTo(1);
      assertThat(run.state.recordsWritten()).isEqualTo(written);
      assertThat(run.state.changesCaptured()).isEqualTo(captured);
      assertThat(sandbox.stats().calls(UPSERT)).isEqualTo(before.calls(UPSERT));
      assertThat(HubSpotTwoWayFixture.rows(db, "hs_arrive").get("C-7").get("hs_id"))
          .isEqualTo(Long.toString(HubSpotTwoWayFixture.contacts(sandbox).get("C-7").id()));
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aPostgresChangeReachesHubSpotAndIsNotEchoedOverThreePolls(PostgresDatabase db)
      throws Exception {
    HubSpotTwoWayFixture.createTable(db, "hs_noloop");
    db.execute(
        "INSERT INTO hs_noloop (ref, last_name, email) SELECT 'N-' || i, 'Name' || i,"
            + " 'n' || i || '@example.com' FROM generate_series(1, 10) i");
    SyncSettings settings =
        HubSpotTwoWayFixture.settings(
            db, "hs_noloop", ConflictPolicy.DestinationWins, Duration.ofMillis(500));
    try (TwoWayRun run = start(settings)) {
      awaitIdsFilled(db, "hs_noloop", 10);
      db.execute("UPDATE hs_noloop SET email = 'changed@example.com' WHERE ref = 'N-3'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "changed@example.com"
                      .equals(HubSpotTwoWayFixture.contacts(sandbox).get("N-3").value("email")));
      ReverseStats reverse = run.reverse();
      // the poll after the write reads it back once
      long readBefore = reverse.recordsRead();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.recordsRead() > readBefore);
      long polls = reverse.polls();
      StatsSnapshot before = sandbox.stats();
      long read = reverse.recordsRead();
      long written = run.state.recordsWritten();
      String modified = HubSpotTwoWayFixture.contacts(sandbox).get("N-3").value("lastmodifieddate");

      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= polls + 3);

      assertThat(reverse.rowsApplied()).isZero();
      assertThat(reverse.conflicts()).isZero();
      assertThat(reverse.recordsRead()).isEqualTo(read);
      assertThat(run.state.recordsWritten()).isEqualTo(written);
      assertThat(sandbox.stats().calls(UPSERT)).isEqualTo(before.calls(UPSERT));
      assertThat(HubSpotTwoWayFixture.contacts(sandbox).get("N-3").value("lastmodifieddate"))
          .isEqualTo(modified);
      assertThat(HubSpotTwoWayFixture.rows(db, "hs_noloop").get("N-3").get("email"))
          .isEqualTo("changed@example.com");
      assertThat(run.failure.get()).isNull();
    }
  }
}

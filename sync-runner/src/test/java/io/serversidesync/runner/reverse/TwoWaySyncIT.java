package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
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
 * Two-way sync end to end against a real Postgres and the sandbox: destination edits arrive, the
 * runner's own writes never come back, every row learns its Salesforce Id.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TwoWaySyncIT {

  private static Sandbox sandbox;
  private static SalesforceRest salesforce;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
    salesforce = new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  private static TwoWayRun start(SyncSettings settings) throws Exception {
    RunnerState state = new RunnerState(settings.name());
    return new TwoWayRun(
            settings, TwoWayFixture.salesforce(sandbox, settings, state), state, TwoWayFixture.FAST)
        .start();
  }

  /** Every row has the Id of the Salesforce record with its key. */
  private static void awaitIdsFilled(PostgresDatabase db, String table, int rows) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Map<String, Object>> pg = TwoWayFixture.rows(db, table);
              Map<String, Map<String, Object>> sf = TwoWayFixture.contacts(sandbox);
              assertThat(pg).hasSize(rows);
              pg.forEach(
                  (ref, row) -> {
                    assertThat(sf).containsKey(ref);
                    assertThat(row.get("sf_id")).isEqualTo(sf.get(ref).get("Id"));
                  });
            });
  }

  @Test
  void aFieldChangedInSalesforceArrivesWithinPollIntervalPlusTwoSecondsWithoutAForwardCall(
      PostgresDatabase db) throws Exception {
    TwoWayFixture.createTable(db, "arrive");
    db.execute(
        "INSERT INTO arrive (ref, last_name, email) SELECT 'C-' || i, 'Name' || i,"
            + " 'c' || i || '@example.com' FROM generate_series(1, 20) i");
    Duration pollInterval = Duration.ofSeconds(1);
    SyncSettings settings =
        TwoWayFixture.settings(
            db, "arrive", "arrive", ConflictPolicy.SourceWins, pollInterval, DeletePolicy.Ignore);
    try (TwoWayRun run = start(settings)) {
      awaitIdsFilled(db, "arrive", 20);
      ReverseStats reverse = run.reverse();
      // the forward writes are read back once (echoes) and applied nowhere
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.recordsRead() >= 20);
      long pollsBefore = reverse.polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= pollsBefore + 2);
      assertThat(reverse.rowsApplied()).isZero();
      StatsSnapshot before = sandbox.stats();
      long written = run.state.recordsWritten();
      long captured = run.state.changesCaptured();

      String id = TwoWayFixture.contacts(sandbox).get("C-7").get("Id").toString();
      salesforce.update("Contact", id, Map.of("Email", "edited.in.salesforce@example.com"));
      await()
          .atMost(pollInterval.plusSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  "edited.in.salesforce@example.com"
                      .equals(TwoWayFixture.rows(db, "arrive").get("C-7").get("email")));
      long pollsAfter = reverse.polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= pollsAfter + 3);

      assertThat(reverse.rowsApplied()).isEqualTo(1);
      assertThat(run.state.recordsWritten()).isEqualTo(written);
      assertThat(run.state.changesCaptured()).isEqualTo(captured);
      StatsSnapshot after = sandbox.stats();
      assertThat(after.calls("composite.sobjects.upsert"))
          .isEqualTo(before.calls("composite.sobjects.upsert"));
      assertThat(after.calls("sobject.upsert")).isEqualTo(before.calls("sobject.upsert"));
      assertThat(after.records("updated")).isEqualTo(before.records("updated") + 1);
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aPostgresChangeReachesSalesforceAndCountsStayStableOverThreePolls(PostgresDatabase db)
      throws Exception {
    TwoWayFixture.createTable(db, "noloop");
    db.execute(
        "INSERT INTO noloop (ref, last_name, email) SELECT 'N-' || i, 'Name' || i,"
            + " 'n' || i || '@example.com' FROM generate_series(1, 10) i");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            "noloop",
            "noloop",
            ConflictPolicy.DestinationWins,
            Duration.ofMillis(500),
            DeletePolicy.Ignore);
    try (TwoWayRun run = start(settings)) {
      awaitIdsFilled(db, "noloop", 10);
      db.execute("UPDATE noloop SET email = 'changed@example.com' WHERE ref = 'N-3'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "changed@example.com"
                      .equals(TwoWayFixture.contacts(sandbox).get("N-3").get("Email")));
      ReverseStats reverse = run.reverse();
      // the poll after the write reads it back once
      long readBefore = reverse.recordsRead();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.recordsRead() > readBefore);
      long polls = reverse.polls();
      StatsSnapshot before = sandbox.stats();
      long read = reverse.recordsRead();
      long written = run.state.recordsWritten();
      Object modstamp = TwoWayFixture.contacts(sandbox).get("N-3").get("SystemModstamp");

      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= polls + 3);

      StatsSnapshot after = sandbox.stats();
      assertThat(reverse.rowsApplied()).isZero();
      assertThat(reverse.conflicts()).isZero();
      assertThat(reverse.recordsRead()).isEqualTo(read);
      assertThat(run.state.recordsWritten()).isEqualTo(written);
      assertThat(after.records("updated")).isEqualTo(before.records("updated"));
      assertThat(after.calls("composite.sobjects.upsert"))
          .isEqualTo(before.calls("composite.sobjects.upsert"));
      assertThat(TwoWayFixture.contacts(sandbox).get("N-3").get("SystemModstamp"))
          .isEqualTo(modstamp);
      assertThat(TwoWayFixture.rows(db, "noloop").get("N-3").get("email"))
          .isEqualTo("changed@example.com");
      assertThat(run.state.snapshot().reverse().getRowsApplied()).isZero();
      assertThat(run.state.currentPhase()).isEqualTo(Phase.Streaming);
    }
  }

  @Test
  void recordsCreatedInSalesforceWithoutTheIdentifierAreSkippedAndCounted(PostgresDatabase db)
      throws Exception {
    TwoWayFixture.createTable(db, "noref");
    db.execute("INSERT INTO noref (ref, last_name) VALUES ('R-1', 'One')");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            "noref",
            "noref",
            ConflictPolicy.SourceWins,
            Duration.ofMillis(500),
            DeletePolicy.Ignore);
    try (TwoWayRun run = start(settings)) {
      awaitIdsFilled(db, "noref", 1);
      salesforce.create(
          "Contact",
          java.util.List.of(
              Map.of("LastName", "Nobody", "Email", "nobody@example.com"),
              Map.of("LastName", "New", "Customer_Ref__c", "R-2")));
      ReverseStats reverse = run.reverse();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(reverse.recordsSkipped()).isEqualTo(1);
                assertThat(TwoWayFixture.rows(db, "noref")).containsKey("R-2");
              });
      assertThat(run.state.snapshot().reverse().getRecordsSkipped()).isEqualTo(1);
      assertThat(TwoWayFixture.rows(db, "noref")).hasSize(2);
      assertThat(TwoWayFixture.rows(db, "noref").get("R-2").get("sf_id"))
          .isEqualTo(TwoWayFixture.contacts(sandbox).get("R-2").get("Id"));
    }
  }
}

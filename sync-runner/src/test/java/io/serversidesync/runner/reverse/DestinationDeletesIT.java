package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.testing.MovableClock;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records deleted in Salesforce, per spec.deletes: with Delete their rows are deleted (without a
 * forward call); with Ignore nothing happens and deletions are not even read. Salesforce reports
 * deletions by whole minutes, so the tests move the runner's clock past the minute.
 */
@Tag("integration")
class DestinationDeletesIT extends TwoWayTestBase {

  private static SyncSettings settings(
      PostgresDatabase db, String table, ConflictPolicy policy, DeletePolicy deletes) {
    TwoWayFixture.createTable(db, table);
    db.execute(
        "INSERT INTO "
            + table
            + " (ref, last_name, email) VALUES ('K1', 'One', 'one@x.io'),"
            + " ('K2', 'Two', 'two@x.io')");
    return TwoWayFixture.settings(db, table, table, policy, Duration.ofMillis(300), deletes);
  }

  @Test
  void withDeletesDeleteARecordDeletedInSalesforceDeletesItsRowWithoutAForwardCall(
      PostgresDatabase db) throws Exception {
    MovableClock clock = new MovableClock();
    SyncSettings settings = settings(db, "del", ConflictPolicy.SourceWins, DeletePolicy.Delete);
    try (Started s = start(settings, TwoWayFixture.FAST.withClock(clock))) {
      awaitIdsFilled(db, "del", 2);
      salesforce.delete("Contact", sfId("K1"));
      StatsSnapshot before = sandbox.stats();
      clock.advance(Duration.ofMinutes(2));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TwoWayFixture.rows(db, "del").keySet().equals(java.util.Set.of("K2")));
      awaitPolls(s, 3);
      StatsSnapshot after = sandbox.stats();
      assertThat(s.reverse().rowsApplied()).isEqualTo(1);
      assertThat(after.calls("composite.sobjects.delete"))
          .isEqualTo(before.calls("composite.sobjects.delete"));
      assertThat(after.calls("sobject.delete")).isEqualTo(before.calls("sobject.delete"));
      assertThat(after.calls("composite.sobjects.upsert"))
          .isEqualTo(before.calls("composite.sobjects.upsert"));
      assertThat(after.calls("sobject.deleted")).isGreaterThan(before.calls("sobject.deleted"));
      assertThat(s.run().failure.get()).isNull();
    }
  }

  @Test
  void withDeletesIgnoreARecordDeletedInSalesforceLeavesItsRowAndDeletionsAreNotRead(
      PostgresDatabase db) throws Exception {
    MovableClock clock = new MovableClock();
    SyncSettings settings = settings(db, "keep", ConflictPolicy.SourceWins, DeletePolicy.Ignore);
    try (Started s = start(settings, TwoWayFixture.FAST.withClock(clock))) {
      awaitIdsFilled(db, "keep", 2);
      salesforce.delete("Contact", sfId("K1"));
      clock.advance(Duration.ofMinutes(2));
      awaitPolls(s, 4);
      assertThat(TwoWayFixture.rows(db, "keep")).containsOnlyKeys("K1", "K2");
      assertThat(sandbox.stats().calls("sobject.deleted")).isZero();
      assertThat(s.reverse().rowsApplied()).isZero();
    }
  }

  @Test
  void aDeletionThatRacesAChangeOfTheRowLosesUnderSourceWinsAndTheRecordComesBack(
      PostgresDatabase db) throws Exception {
    MovableClock clock = new MovableClock();
    SyncSettings settings = settings(db, "delrace", ConflictPolicy.SourceWins, DeletePolicy.Delete);
    try (Started s = start(settings, TwoWayFixture.FAST.withClock(clock))) {
      awaitIdsFilled(db, "delrace", 2);
      String oldId = sfId("K2");
      s.gates().beforeWrite.close();
      db.execute("UPDATE delrace SET email = 'changed@x.io' WHERE ref = 'K2'");
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();
      salesforce.delete("Contact", oldId);
      clock.advance(Duration.ofMinutes(2));
      await().atMost(Duration.ofSeconds(10)).until(() -> s.reverse().conflicts() == 1);
      assertThat(TwoWayFixture.rows(db, "delrace")).containsKey("K2");

      s.gates().beforeWrite.open();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(sfEmail("K2")).isEqualTo("changed@x.io");
                assertThat(sfId("K2")).isNotEqualTo(oldId);
                assertThat(TwoWayFixture.rows(db, "delrace").get("K2").get("sf_id"))
                    .isEqualTo(sfId("K2"));
              });
      awaitPolls(s, 3);
      assertThat(TwoWayFixture.rows(db, "delrace")).containsOnlyKeys("K1", "K2");
      assertThat(s.reverse().conflicts()).isEqualTo(1);
      assertThat(s.reverse().rowsApplied()).isZero();
    }
  }

  @Test
  void theRunnersOwnDeleteReadBackDoesNotDeleteTheRowInsertedAgainWithTheSameValues(
      PostgresDatabase db) throws Exception {
    MovableClock clock = new MovableClock();
    SyncSettings settings = settings(db, "again", ConflictPolicy.SourceWins, DeletePolicy.Delete);
    try (Started s = start(settings, TwoWayFixture.FAST.withClock(clock))) {
      awaitIdsFilled(db, "again", 2);
      String oldId = sfId("K2");
      db.execute("DELETE FROM again WHERE ref = 'K2'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !TwoWayFixture.contacts(sandbox).containsKey("K2"));
      // the row comes back with the values last synced; its upsert is held at the gate while the
      // reverse loop reads the runner's own deletion of the old record
      s.gates().beforeWrite.close();
      db.execute("INSERT INTO again (ref, last_name, email) VALUES ('K2', 'Two', 'two@x.io')");
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();
      clock.advance(Duration.ofMinutes(2));
      awaitPolls(s, 3);
      assertThat(TwoWayFixture.rows(db, "again")).containsKey("K2");
      assertThat(s.reverse().rowsApplied()).isZero();

      s.gates().beforeWrite.open();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(sfEmail("K2")).isEqualTo("two@x.io");
                assertThat(sfId("K2")).isNotEqualTo(oldId);
                assertThat(TwoWayFixture.rows(db, "again").get("K2").get("sf_id"))
                    .isEqualTo(sfId("K2"));
              });
      awaitPolls(s, 3);
      assertThat(TwoWayFixture.rows(db, "again")).containsOnlyKeys("K1", "K2");
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.run().failure.get()).isNull();
    }
  }
}

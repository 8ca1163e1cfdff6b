package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The failure modes peers document besides flip-flops: a row deleted in Postgres must not come back
 * because a destination read of it was in flight, and a record the forward direction created and
 * the reverse direction reads before its native id is stored must match the row by the external id,
 * never become a second row.
 */
@Tag("integration")
class FailureModesIT extends TwoWayTestBase {

  @ParameterizedTest
  @EnumSource(DeletePolicy.class)
  void aRowDeletedInPostgresWhileADestinationReadOfItIsInFlightStaysDeleted(
      DeletePolicy deletes, PostgresDatabase db) throws Exception {
    String table = "revive_" + deletes.name().toLowerCase();
    try (Started s =
        startSynced(
            db,
            table,
            "('K', 'Kay', 'k@x.io'), ('L', 'Ell', 'l@x.io')",
            ConflictPolicy.DestinationWins,
            deletes)) {
      // a Salesforce edit of K is read; the page waits before it is applied
      s.gates().holdPagesWhere(page -> holds(page, "K", "edited@x.io"));
      s.gates().afterRead.close();
      salesforce.update("Contact", sfId("K"), Map.of("Email", "edited@x.io"));
      assertThat(s.gates().afterRead.awaitEntered()).isTrue();

      executeAndAwaitCapture(s, db, "DELETE FROM " + table + " WHERE ref = 'K'");
      if (deletes == DeletePolicy.Delete) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sfEmail("K") == null);
      }

      s.gates().afterRead.open();
      awaitPolls(s, 3);
      assertThat(TwoWayFixture.rows(db, table)).containsOnlyKeys("L");
      assertThat(s.reverse().rowsApplied()).isZero();
      if (deletes == DeletePolicy.Ignore) {
        // with Delete the forward delete was recorded after the read began: out of date instead
        assertThat(s.reverse().recordsSkipped()).isEqualTo(1);
      }
      assertThat(s.run().failure.get()).isNull();
    }
  }

  @Test
  void aRecordTheForwardDirectionCreatedIsMatchedByExternalIdBeforeItsIdIsStored(
      PostgresDatabase db) throws Exception {
    String table = "racing";
    try (Started s =
        startSynced(
            db,
            table,
            "('A', 'Ay', 'a@x.io')",
            ConflictPolicy.DestinationWins,
            DeletePolicy.Ignore)) {
      // the next poll waits before it reads: until the test lets it go, nothing can fill the id
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      // the forward write of the new row reaches Salesforce; the runner does not hear back yet
      s.gates().afterWrite.close();
      db.execute("INSERT INTO racing (ref, last_name, email) VALUES ('NEW', 'Nu', 'new@x.io')");
      assertThat(s.gates().afterWrite.awaitEntered()).isTrue();
      assertThat(TwoWayFixture.contacts(sandbox)).containsKey("NEW");
      assertThat(TwoWayFixture.rows(db, table).get("NEW").get("sf_id")).isNull();

      // meanwhile the poll reads the new record: matched by Customer_Ref__c, its id filled in
      s.gates().beforeRead.open();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sfId("NEW").equals(TwoWayFixture.rows(db, table).get("NEW").get("sf_id")));
      assertThat(db.queryLong("SELECT count(*) FROM racing WHERE ref = 'NEW'")).isEqualTo(1);

      s.gates().afterWrite.open();
      long written = s.run().state.recordsWritten();
      await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.recordsWritten() > written);
      awaitPolls(s, 3);
      assertThat(db.queryLong("SELECT count(*) FROM racing")).isEqualTo(2);
      assertThat(
              sandbox.records("Contact").stream()
                  .filter(r -> "NEW".equals(r.get("Customer_Ref__c")))
                  .count())
          .isEqualTo(1);
      assertThat(TwoWayFixture.rows(db, table).get("NEW").get("sf_id")).isEqualTo(sfId("NEW"));
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.reverse().conflicts()).isZero();
    }
  }

  @Test
  void aRecordTheRunnerCreatedIsNotBroughtBackWhenItsRowIsDeletedBeforeItHearsBack(
      PostgresDatabase db) throws Exception {
    String table = "created_then_deleted";
    try (Started s =
        startSynced(
            db,
            table,
            "('A', 'Ay', 'a@x.io')",
            ConflictPolicy.DestinationWins,
            DeletePolicy.Delete)) {
      // the new row's record is created in Salesforce; the runner does not hear back yet
      s.gates().afterWrite.close();
      db.execute(
          "INSERT INTO " + table + " (ref, last_name, email) VALUES ('NEW', 'Nu', 'n@x.io')");
      assertThat(s.gates().afterWrite.awaitEntered()).isTrue();
      assertThat(TwoWayFixture.contacts(sandbox)).containsKey("NEW");
      executeAndAwaitCapture(s, db, "DELETE FROM " + table + " WHERE ref = 'NEW'");

      // the polls read the record the runner created: its own write, not a Salesforce creation
      awaitPolls(s, 2);
      assertThat(TwoWayFixture.rows(db, table)).containsOnlyKeys("A");
      s.gates().afterWrite.open();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !TwoWayFixture.contacts(sandbox).containsKey("NEW"));
      awaitPolls(s, 3);
      assertThat(TwoWayFixture.rows(db, table)).containsOnlyKeys("A");
      assertThat(TwoWayFixture.contacts(sandbox)).containsOnlyKeys("A");
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.run().failure.get()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void aWriteReadBackBeforeTheRunnerHearsItLandedNeverOverwritesANewerChange(
      ConflictPolicy policy, PostgresDatabase db) throws Exception {
    String table = ("unheard_" + policy).toLowerCase();
    try (Started s =
        startSynced(db, table, "('K', 'Kay', 'v0@x.io')", policy, DeletePolicy.Ignore)) {
      // v1 lands in Salesforce; the runner does not hear back yet, and v2 waits behind it
      s.gates().afterWrite.close();
      db.execute("UPDATE " + table + " SET email = 'v1@x.io' WHERE ref = 'K'");
      assertThat(s.gates().afterWrite.awaitEntered()).isTrue();
      assertThat(sfEmail("K")).isEqualTo("v1@x.io");
      executeAndAwaitCapture(s, db, "UPDATE " + table + " SET email = 'v2@x.io' WHERE ref = 'K'");

      // the polls read v1 back: the runner's own write, whatever the policy
      awaitPolls(s, 2);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      s.gates().afterWrite.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> "v2@x.io".equals(sfEmail("K")));
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(sfEmail("K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.reverse().conflicts()).isZero();
    }
  }

  @Test
  void aRecordTheDestinationRefusesLosesItsMarkOfAWriteInFlight(PostgresDatabase db)
      throws Exception {
    String table = "refused_mark";
    try (Started s =
        startSynced(
            db, table, "('K', 'Kay', 'k@x.io')", ConflictPolicy.SourceWins, DeletePolicy.Ignore)) {
      // LastName is 80 characters at most in Salesforce: STRING_TOO_LONG, recorded as an error
      long errors = s.run().state.recordErrors();
      db.execute("UPDATE " + table + " SET last_name = repeat('x', 81) WHERE ref = 'K'");
      await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.recordErrors() > errors);
      assertThat(sentMark(db, table, "K")).isNull();
    }
  }

  /** The key's mark of a write in flight (null when none). */
  private static Object sentMark(PostgresDatabase db, String sync, String key) {
    return db.query(
            "SELECT sent_hashes::text AS mark FROM serversidesync.synced_versions WHERE sync = '"
                + sync
                + "' AND upsert_key = '"
                + key
                + "'")
        .get(0)
        .get("mark");
  }
}

package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.AckedRecord;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.testing.InMemoryDestination;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Found by the two-way chaos run: values the forward direction sends again although the destination
 * already acknowledged them (changes read again after a restart, a table read again after its slot
 * was lost) overwrote a destination edit made in between, before the reverse direction read it; the
 * edit was lost on both sides. A change no newer than the key's last acknowledged one, and values
 * equal to its last synced version, are not sent again.
 */
@Tag("integration")
class ReplayIT extends TwoWayTestBase {

  @Test
  void valuesSentAgainAfterTheSlotWasLostDoNotOverwriteADestinationEditMadeMeanwhile(
      PostgresDatabase db, PostgresCluster cluster) throws Exception {
    String table = "replayed";
    try (Started s =
        startSynced(
            db,
            table,
            "('A', 'Ay', 'a@x.io'), ('B', 'Bee', 'b@x.io')",
            ConflictPolicy.SourceWins,
            DeletePolicy.Ignore)) {
      // the user's edit is made while the reverse direction cannot read it yet
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      salesforce.update("Contact", sfId("A"), Map.of("Email", "edited@x.io"));
      long upsertsBefore = sandbox.stats().records("updated");
      // the slot is lost: the runner reads the table again and would send every row again
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                cluster.terminateWalSenders();
                try {
                  db.execute("SELECT pg_drop_replication_slot('sss_" + table + "')");
                  return true;
                } catch (IllegalStateException stillActive) {
                  return false;
                }
              });
      db.execute("UPDATE " + table + " SET email = 'b2@x.io' WHERE ref = 'B'");
      await().atMost(Duration.ofSeconds(30)).until(() -> "b2@x.io".equals(sfEmail("B")));
      assertThat(sfEmail("A")).as("the edit in the destination").isEqualTo("edited@x.io");

      s.gates().beforeRead.open();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "edited@x.io".equals(email(db, table, "A")));
      awaitPolls(s, 2);
      assertThat(sfEmail("A")).isEqualTo("edited@x.io");
      assertThat(email(db, table, "B")).isEqualTo("b2@x.io");
      assertThat(sandbox.stats().records("updated") - upsertsBefore)
          .as("only B's change was sent")
          .isEqualTo(1);
      assertThat(s.run().failure.get()).isNull();
    }
  }

  @Test
  void changesNoNewerThanTheAcknowledgedOneAndTheValuesLastSyncedAreNotSentAgain(
      PostgresDatabase db) throws Exception {
    String table = "acked";
    TwoWayFixture.createTable(db, table);
    db.execute("INSERT INTO " + table + " (ref, last_name, email) VALUES ('A', 'Ay', 'a2@x.io')");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            table,
            table,
            ConflictPolicy.SourceWins,
            Duration.ofMillis(300),
            DeletePolicy.Ignore);
    TwoWay twoWay =
        new TwoWay(
            settings,
            new InMemoryDestination(),
            new PostgresConnector(settings.postgres(), "replay-test"),
            new RunnerState(settings.name()),
            Duration.ofMillis(100),
            Clock.systemUTC());
    try (Connection c = db.connect()) {
      twoWay.prepare(c);
    }
    ForwardObserver forward = twoWay.forward();
    DestinationRecord a1 = contact("A", "a1@x.io");
    DestinationRecord a2 = contact("A", "a2@x.io");
    DestinationRecord a3 = contact("A", "a3@x.io");
    // the destination acknowledged A's change committed at 0/200
    forward.acknowledged(
        WriteOperation.UPSERT, List.of(new AckedRecord(a2, "003000000000001AAA", 0x200)));

    // a change committed before it, read again after a restart, would undo a destination edit
    assertThat(forward.unsynced(List.of(a1), key -> 0x100)).isEmpty();
    assertThat(forward.unsynced(List.of(a2), key -> 0x200)).isEmpty();
    assertThat(forward.unsynced(List.of(a3), key -> 0x300)).containsExactly(a3);
    // a row read again (no position) goes unless it holds the values last synced
    assertThat(forward.unsynced(List.of(a2), key -> 0)).isEmpty();
    assertThat(forward.unsynced(List.of(a1), key -> 0)).containsExactly(a1);
    DestinationRecord b = contact("B", "b@x.io");
    assertThat(forward.unsynced(List.of(a1, b), key -> 0x100)).containsExactly(b);
  }

  @Test
  void aDeleteReplayedAfterANewerAcknowledgedChangeIsNotSentAndAnAcknowledgedDeleteForgetsTheRecord(
      PostgresDatabase db) throws Exception {
    String table = "redelete";
    TwoWayFixture.createTable(db, table);
    db.execute("INSERT INTO " + table + " (ref, last_name, email) VALUES ('A', 'LA', 'a@x.io')");
    ForwardObserver forward = prepared(db, table);
    DestinationRecord a = contact("A", "a@x.io");
    DestinationRecord deleteA = new DestinationRecord("A", Map.of());

    // the row was deleted (0/100), inserted again (0/200), and the insert acknowledged as record X
    forward.acknowledged(
        WriteOperation.UPSERT, List.of(new AckedRecord(a, "003000000000001AAA", 0x200)));
    // a restart reads the delete again: sending it would delete X, the newer record
    assertThat(forward.deletesToSend(List.of(deleteA), key -> 0x100)).isEmpty();
    assertThat(forward.deletesToSend(List.of(deleteA), key -> 0x200)).isEmpty();
    // a delete made after the insert goes out
    assertThat(forward.deletesToSend(List.of(deleteA), key -> 0x300)).containsExactly(deleteA);

    // once that delete is acknowledged the record is gone: the same values inserted again are
    // sent (not taken for the synced version), and the older insert is not sent again
    forward.acknowledged(WriteOperation.DELETE, List.of(new AckedRecord(deleteA, null, 0x300)));
    assertThat(forward.unsynced(List.of(a), key -> 0x400)).containsExactly(a);
    assertThat(forward.unsynced(List.of(a), key -> 0x200)).isEmpty();
    assertThat(
            db.query(
                    "SELECT native_id FROM serversidesync.synced_versions"
                        + " WHERE sync = 'redelete' AND upsert_key = 'A'")
                .get(0)
                .get("native_id"))
        .as("the deleted record's id is forgotten: its deletion read back is the runner's own")
        .isNull();
  }

  @Test
  void anAcknowledgedDeleteThatRacedAReverseWriteKeepsWhatTheReverseWriteRecorded(
      PostgresDatabase db) throws Exception {
    String table = "racedelete";
    TwoWayFixture.createTable(db, table);
    db.execute("INSERT INTO " + table + " (ref, last_name, email) VALUES ('A', 'LA', 'a@x.io')");
    ForwardObserver forward = prepared(db, table);
    forward.acknowledged(
        WriteOperation.UPSERT,
        List.of(new AckedRecord(contact("A", "a@x.io"), "003000000000001AAA", 0x200)));
    // the row was deleted (0/300); before that delete's answer was recorded, a record created in
    // the destination with the key was written into the table (0/500)
    db.execute(
        "UPDATE serversidesync.synced_versions SET reverse_lsn = '0/500',"
            + " native_id = '003000000000002AAA' WHERE sync = 'racedelete' AND upsert_key = 'A'");
    forward.acknowledged(
        WriteOperation.DELETE,
        List.of(new AckedRecord(new DestinationRecord("A", Map.of()), null, 0x300)));
    Map<String, Object> version =
        db.query(
                "SELECT native_id, field_hashes IS NOT NULL AS hashes, resend_after::text AS r"
                    + " FROM serversidesync.synced_versions"
                    + " WHERE sync = 'racedelete' AND upsert_key = 'A'")
            .get(0);
    assertThat(version.get("native_id")).isEqualTo("003000000000002AAA");
    assertThat(version.get("hashes")).isEqualTo(true);
    assertThat(version.get("r")).as("the row is sent again").isEqualTo("0/500");
  }

  private static ForwardObserver prepared(PostgresDatabase db, String table) throws Exception {
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            table,
            table,
            ConflictPolicy.SourceWins,
            Duration.ofMillis(300),
            DeletePolicy.Delete);
    TwoWay twoWay =
        new TwoWay(
            settings,
            new InMemoryDestination(),
            new PostgresConnector(settings.postgres(), "replay-test"),
            new RunnerState(settings.name()),
            Duration.ofMillis(100),
            Clock.systemUTC());
    try (Connection c = db.connect()) {
      twoWay.prepare(c);
    }
    return twoWay.forward();
  }

  private static DestinationRecord contact(String ref, String email) {
    return new DestinationRecord(
        ref, Map.of("Customer_Ref__c", ref, "LastName", "L" + ref, "Email", email));
  }
}

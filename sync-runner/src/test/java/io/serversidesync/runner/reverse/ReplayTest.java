package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.testing.postgres.PostgresCluster;
import io.serversidesync.testing.postgres.PostgresDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Found by the two-way chaos run: values the forward direction sends again although the destination
 * already acknowledged them (changes read again after a restart, a table read again after its slot
 * was lost) overwrote a destination edit made in between, before the reverse direction read it; the
 * edit was lost on both sides. Values equal to the key's last synced version are not sent again.
 */
@Tag("integration")
class ReplayTest extends TwoWayTestBase {

  @Test
  void valuesSentAgainAfterTheSlotWasLostDoNotOverwriteADestinationEditMadeMeanwhile(
      PostgresDatabase db, PostgresCluster cluster) throws Exception {
    String table = "replayed";
    TwoWayFixture.createTable(db, table);
    db.execute(
        "INSERT INTO "
            + table
            + " (ref, last_name, email) VALUES ('A', 'Ay', 'a@x.io'), ('B', 'Bee', 'b@x.io')");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            table,
            table,
            ConflictPolicy.SourceWins,
            Duration.ofMillis(300),
            DeletePolicy.Ignore);
    try (Started s = start(settings)) {
      awaitIdsFilled(db, table, 2);
      awaitPolls(s, 2);
      // the user's edit is made while the reverse direction cannot read it yet
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      salesforce.update(sfId("A"), Map.of("Email", "edited@x.io"));
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
}

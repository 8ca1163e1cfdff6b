package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Change shapes a key-by-key comparison of Postgres and the destination found wrong: a key change
 * of a row with a TOASTed value, and one large transaction that rewrites its own rows.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ChangeShapesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * {@code UPDATE … SET ref = 'KC2-moved'} on a row whose notes are stored out of line: the WAL
   * carries notes as "unchanged", and the record under the new key must still get them.
   */
  @ParameterizedTest
  @EnumSource(DeletePolicy.class)
  void aKeyChangeCarriesTheUnchangedToastValueToTheNewRecord(
      DeletePolicy deletes, PostgresDatabase db) throws Exception {
    String table = "moved_" + deletes.name().toLowerCase();
    db.execute(
        "CREATE TABLE " + table + " (ref text PRIMARY KEY, v text, notes text)",
        "INSERT INTO "
            + table
            + " VALUES ('KC2', 'a', (SELECT string_agg(md5(i::text), '') FROM generate_series(1,"
            + " 1600) i)), ('KC3', 'a', 'short')");
    String notes =
        (String) db.query("SELECT notes FROM " + table + " WHERE ref = 'KC2'").get(0).get("notes");
    assertThat(notes).hasSize(51_200);
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, table, table, deletes, "ref", "v", "notes"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(WAIT).until(() -> h.destination.records.size() == 2);
      db.execute(
          "UPDATE " + table + " SET ref = 'KC2-moved' WHERE ref = 'KC2'",
          "UPDATE " + table + " SET ref = 'KC3-moved' WHERE ref = 'KC3'");
      await().atMost(WAIT).until(() -> h.destination.records.containsKey("KC3-moved"));
      await().atMost(WAIT).until(() -> h.destination.records.containsKey("KC2-moved"));
      assertThat(h.destination.records.get("KC2-moved"))
          .containsEntry("V__c", "a")
          .containsEntry("Notes__c", notes);
      assertThat(h.destination.records.get("KC3-moved")).containsEntry("Notes__c", "short");
      if (deletes == DeletePolicy.Delete) {
        await().atMost(WAIT).until(() -> h.destination.deleted.containsAll(List.of("KC2", "KC3")));
      } else {
        assertThat(h.destination.deleted).isEmpty();
      }
      assertThat(h.failure.get()).isNull();
    }
  }

  /**
   * One transaction inserts 5,000 rows and updates each three times: the flush waits for its
   * commit, so every key is sent once, with the committed value, in the fewest requests.
   */
  @Test
  void aLargeTransactionIsCutAtItsCommitAndNoValueFromInsideItIsSent(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE bigtx (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "bigtx", "bigtx", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(WAIT).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "DO $$ BEGIN"
              + " INSERT INTO bigtx SELECT 'b' || i, 'v0' FROM generate_series(1, 5000) i;"
              + " UPDATE bigtx SET v = 'v1'; UPDATE bigtx SET v = 'v2'; UPDATE bigtx SET v = 'v3';"
              + " END $$");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  h.destination.records.size() == 5000
                      && h.destination.records.values().stream()
                          .allMatch(r -> "v3".equals(r.get("V__c"))));
      List<DestinationRecord> sent = h.destination.requests.stream().flatMap(List::stream).toList();
      assertThat(sent).extracting(r -> r.fields().get("V__c")).containsOnly("v3");
      assertThat(sent).hasSize(5000);
      assertThat(h.destination.requests).hasSizeLessThanOrEqualTo(25); // ⌈5,000 / 200⌉
      assertThat(h.failure.get()).isNull();
    }
  }
}

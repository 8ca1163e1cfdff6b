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

/** Deletes by policy, re-inserts, and unchanged TOAST values that must not become nulls. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class RowShapesIT {

  @Test
  void deletesFollowThePolicyAndReinsertsWin(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE del (ref text PRIMARY KEY, v text)",
        "CREATE TABLE keep (ref text PRIMARY KEY, v text)");
    try (EngineHarness deleting =
            new EngineHarness(
                    EngineHarness.settings(db, "del", "del", DeletePolicy.Delete, "ref", "v"),
                    new InMemoryDestination(),
                    EngineHarness.FAST)
                .start();
        EngineHarness ignoring =
            new EngineHarness(
                    EngineHarness.settings(db, "keep", "keep", DeletePolicy.Ignore, "ref", "v"),
                    new InMemoryDestination(),
                    EngineHarness.FAST)
                .start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  deleting.state.currentPhase() == Phase.Streaming
                      && ignoring.state.currentPhase() == Phase.Streaming);
      for (String t : List.of("del", "keep")) {
        db.execute("INSERT INTO " + t + " VALUES ('a', '1'), ('b', '2')");
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> deleting.destination.records.size() == 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> ignoring.destination.records.size() == 2);
      for (String t : List.of("del", "keep")) {
        // b goes; a goes and comes back in one window: the re-insert wins
        db.execute(
            "DELETE FROM " + t + " WHERE ref = 'b'",
            "DELETE FROM " + t + " WHERE ref = 'a'",
            "INSERT INTO " + t + " VALUES ('a', 'again')");
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> deleting.destination.deleted.contains("b"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "again".equals(ignoring.destination.records.get("a").get("V__c")));
      assertThat(deleting.destination.records).containsOnlyKeys("a");
      assertThat(deleting.destination.records.get("a")).containsEntry("V__c", "again");
      assertThat(ignoring.destination.records).containsOnlyKeys("a", "b");
      assertThat(ignoring.destination.deleted).isEmpty();
    }
  }

  @Test
  void unchangedToastValuesAreNeverSentAsNull(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE toasty (ref text PRIMARY KEY, small text, big text)",
        "INSERT INTO toasty VALUES ('t1', 's0',"
            + " (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i))");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(
                    db, "toasty", "toasty", DeletePolicy.Ignore, "ref", "small", "big"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      int before = h.destination.requests.size();
      db.execute("UPDATE toasty SET small = 's1' WHERE ref = 't1'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "s1".equals(h.destination.records.get("t1").get("Small__c")));
      DestinationRecord sent = h.destination.requests.get(before).get(0);
      assertThat(sent.fields()).containsEntry("Small__c", "s1").doesNotContainKey("Big__c");
      assertThat((String) h.destination.records.get("t1").get("Big__c")).hasSize(12_800);
      // an explicit NULL is sent as null
      db.execute("UPDATE toasty SET big = NULL WHERE ref = 't1'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.destination.records.get("t1").get("Big__c") == InMemoryDestination.NULL);
    }
  }
}

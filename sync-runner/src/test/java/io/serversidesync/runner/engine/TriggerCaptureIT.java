package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.SyncSettings;
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
 * spec.source.capture: Triggers end to end: the table's rows, then inserts, updates, deletes and
 * key changes read from the change table, which empties as the destination acknowledges; a long
 * open transaction is waited for, never skipped; a row filter applies as a publication's would.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TriggerCaptureIT {

  private static SyncSettings settings(PostgresDatabase db, String table, String... columns) {
    return EngineHarness.settings(db, table, table, DeletePolicy.Delete, columns)
        .withCapture(CaptureMethod.Triggers);
  }

  @Test
  void capturesEveryKindOfChangeWithoutASlot(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE tc_people (ref text PRIMARY KEY, v text, n int)",
        "INSERT INTO tc_people VALUES ('a', 'one', 1), ('b', 'two', 2)");
    SyncSettings settings = settings(db, "tc_people", "ref", "v", "n");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      assertThat(h.destination.records).containsOnlyKeys("a", "b");
      db.execute(
          "INSERT INTO tc_people VALUES ('c', 'three', 3)",
          "UPDATE tc_people SET v = 'ONE' WHERE ref = 'a'",
          "DELETE FROM tc_people WHERE ref = 'b'",
          "UPDATE tc_people SET ref = 'c2' WHERE ref = 'c'",
          "INSERT INTO tc_people SELECT 'bulk' || i, 'x', i FROM generate_series(1, 500) i");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.destination.records.size() == 502
                      && h.destination.deleted.containsAll(java.util.List.of("b", "c")));
      assertThat(h.destination.records.get("a")).containsEntry("V__c", "ONE");
      assertThat(h.destination.records.get("c2")).containsEntry("V__c", "three");
      assertThat(h.destination.records).doesNotContainKeys("b", "c");
      String changes = new TriggerObjects(settings).changeTable();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> db.queryLong("SELECT count(*) FROM " + changes) == 0);
    }
    assertThat(db.queryLong("SELECT count(*) FROM pg_replication_slots")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM pg_publication")).isZero();
  }

  @Test
  void aLongOpenTransactionIsWaitedForAndNoneOfItsChangesIsSkipped(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE tc_long (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
            new EngineHarness(
                    settings(db, "tc_long", "ref", "v"),
                    new InMemoryDestination(),
                    EngineHarness.FAST)
                .start();
        Connection open = db.connect()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      // the long transaction records its change first: the lowest row id of all, committed last
      open.setAutoCommit(false);
      try (Statement s = open.createStatement()) {
        s.execute("INSERT INTO tc_long VALUES ('late', 'from the long transaction')");
      }
      for (int i = 0; i < 20; i++) {
        db.execute("INSERT INTO tc_long VALUES ('quick" + i + "', 'v')");
      }
      // many rounds pass while it is open: nothing after it is read yet, so nothing is skipped
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> h.destination.records.isEmpty());
      open.commit();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.size() == 21);
      assertThat(h.destination.records.get("late"))
          .containsEntry("V__c", "from the long transaction");
    }
  }

  @Test
  void theRowFilterAppliesToTheTableAndToChanges(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE tc_regional (ref text PRIMARY KEY, region text)",
        "INSERT INTO tc_regional VALUES ('eu1', 'EU'), ('us1', 'US')");
    try (EngineHarness h =
        new EngineHarness(
                settings(db, "tc_regional", "ref", "region").withFilter("region = 'EU'"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "INSERT INTO tc_regional VALUES ('eu2', 'EU'), ('us2', 'US')",
          "UPDATE tc_regional SET region = 'US' WHERE ref = 'eu1'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> h.destination.records.containsKey("eu2") && h.destination.deleted.size() == 1);
      // a row moved out of the filter is deleted, as a publication publishes it
      assertThat(h.destination.deleted).containsExactly("eu1");
      assertThat(h.destination.records).doesNotContainKeys("us1", "us2");
    }
  }

  @Test
  void aNullKeyAndAnUnconvertibleValueAreRecordedErrorsAndTheirFixesSync(PostgresDatabase db) {
    db.execute("CREATE TABLE tc_bad (id serial PRIMARY KEY, ref text UNIQUE, amount numeric)");
    try (EngineHarness h =
        new EngineHarness(
                settings(db, "tc_bad", "ref", "amount"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "INSERT INTO tc_bad (ref, amount) VALUES (NULL, 1)",
          "INSERT INTO tc_bad (ref, amount) VALUES ('nan', 'NaN')",
          "INSERT INTO tc_bad (ref, amount) VALUES ('ok', 2.5)");
      String errors =
          "SELECT count(*) FROM serversidesync.errors WHERE sync = 'tc_bad' AND resolved_at IS NULL"
              + " AND ";
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.destination.records.containsKey("ok")
                      && db.queryLong(errors + "code = 'NULL_UPSERT_KEY'") == 1
                      && db.queryLong(errors + "code = 'VALUE_NOT_CONVERTIBLE'") == 1);
      assertThat(
              db.query(
                  "SELECT message FROM serversidesync.errors WHERE code = 'NULL_UPSERT_KEY'"
                      + " AND sync = 'tc_bad'"))
          .extracting(row -> row.get("message").toString())
          .singleElement()
          .asString()
          .contains("upsert key column ref is null");
      // fixing both rows sends them and resolves the value's error
      db.execute(
          "UPDATE tc_bad SET ref = 'was-null' WHERE ref IS NULL",
          "UPDATE tc_bad SET amount = 3 WHERE ref = 'nan'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.destination.records.containsKey("was-null")
                      && h.destination.records.containsKey("nan")
                      && db.queryLong(errors + "code = 'VALUE_NOT_CONVERTIBLE'") == 0);
    }
  }

  @Test
  void aSecondRunnerOfTheSyncWaitsUntilTheFirstStops(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE tc_two (ref text PRIMARY KEY, v text)");
    SyncSettings settings = settings(db, "tc_two", "ref", "v");
    try (EngineHarness first =
            new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start();
        EngineHarness second =
            new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> first.state.currentPhase() == Phase.Streaming);
      second.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  String.valueOf(second.state.snapshot().message())
                      .contains("another runner of this sync reads its change table"));
      db.execute("INSERT INTO tc_two VALUES ('while-first', 'v')");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> first.destination.records.containsKey("while-first"));
      assertThat(second.destination.records).isEmpty();

      first.stop();
      db.execute("INSERT INTO tc_two VALUES ('after-first', 'v')");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> second.destination.records.containsKey("after-first"));
      assertThat(second.destination.records).doesNotContainKey("while-first");
    }
  }

  @Test
  void triggersDroppedWhileReadingStopTheSyncAndTheNextStartInstallsThemAndReadsAgain(
      PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE tc_dropped (ref text PRIMARY KEY, v text)");
    SyncSettings settings = settings(db, "tc_dropped", "ref", "v");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute("DROP TRIGGER sss_tc_dropped_update ON tc_dropped");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "MappingBroken".equals(h.state.snapshot().reason()));
      assertThat(h.state.snapshot().message())
          .contains("capture triggers on public.tc_dropped")
          .contains("Restart the runner");
    }
    // changed while no trigger recorded updates: the next start reads the table again
    db.execute("INSERT INTO tc_dropped VALUES ('k', 'v1')", "UPDATE tc_dropped SET v = 'v2'");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  h.destination.records.containsKey("k")
                      && "v2".equals(h.destination.records.get("k").get("V__c")));
      try (Connection c = db.connect()) {
        assertThat(new TriggerObjects(settings).installed(c).complete()).isTrue();
      }
    }
  }

  @Test
  void aRenamedKeyColumnStopsTheSyncAndNeverTheApplicationsWrites(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE tc_renamed (ref text PRIMARY KEY, v text)");
    SyncSettings settings = settings(db, "tc_renamed", "ref", "v");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute("ALTER TABLE tc_renamed RENAME COLUMN ref TO customer_ref");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "MappingBroken".equals(h.state.snapshot().reason()));
      assertThat(h.state.snapshot().message())
          .contains("column(s) ref of public.tc_renamed named in spec.mapping no longer exist");
      // the capture function names the old column: its triggers are gone, so writes go on
      db.execute("INSERT INTO tc_renamed VALUES ('still', 'writable')");
      try (Connection c = db.connect()) {
        assertThat(new TriggerObjects(settings).installed(c).any()).isFalse();
      }
    }
  }
}

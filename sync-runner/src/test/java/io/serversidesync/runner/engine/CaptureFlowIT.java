package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.CommitLsn;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Snapshot + stream, coalescing and safe checkpoints on a real Postgres. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class CaptureFlowIT {

  static Map<String, String> source(PostgresDatabase db, String table) {
    Map<String, String> rows = new HashMap<>();
    for (Map<String, Object> row : db.query("SELECT ref, v FROM " + table)) {
      rows.put((String) row.get("ref"), (String) row.get("v"));
    }
    return rows;
  }

  static Map<String, String> destination(InMemoryDestination d) {
    Map<String, String> rows = new HashMap<>();
    d.records.forEach(
        (k, fields) -> {
          Object v = fields.get("V__c");
          rows.put(k, v == InMemoryDestination.NULL ? null : (String) v);
        });
    return rows;
  }

  static long confirmedFlush(PostgresDatabase db, String slot) {
    List<Map<String, Object>> rows =
        db.query(
            "SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = '"
                + slot
                + "'");
    return rows.isEmpty() || rows.get(0).get("lsn") == null
        ? 0
        : Lsn.parse((String) rows.get(0).get("lsn"));
  }

  static long currentLsn(PostgresDatabase db) {
    return Lsn.parse(
        (String) db.query("SELECT pg_current_wal_insert_lsn()::text AS l").get(0).get("l"));
  }

  @Test
  void snapshotPlusStreamWithConcurrentWritersLosesNothingAndLeavesNothingStale(PostgresDatabase db)
      throws Exception {
    db.execute(
        "CREATE TABLE snap (id serial PRIMARY KEY, ref text UNIQUE NOT NULL, v text)",
        "INSERT INTO snap (ref, v) SELECT 'k' || i, 'initial' FROM generate_series(1, 3000) i");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger writes = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              try (Connection c = db.connect();
                  PreparedStatement update =
                      c.prepareStatement("UPDATE snap SET v = ? WHERE ref = ?");
                  PreparedStatement insert =
                      c.prepareStatement("INSERT INTO snap (ref, v) VALUES (?, ?)")) {
                int i = 0;
                while (writing.get() || i < 500) {
                  i++;
                  update.setString(1, "w" + i);
                  update.setString(2, "k" + (1 + (i * 7) % 3000));
                  update.executeUpdate();
                  insert.setString(1, "new" + i);
                  insert.setString(2, "n" + i);
                  insert.executeUpdate();
                  writes.incrementAndGet();
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "snap", "snap", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      writing.set(false);
      writer.join();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(destination(h.destination)).isEqualTo(source(db, "snap")));
      assertThat(h.failure.get()).isNull();
      assertThat(writes.get()).isGreaterThanOrEqualTo(500);
    }
  }

  @Test
  void tenThousandUpdatesToHundredKeysReachTheDestinationAsAtMostHundredRecordsPerFlush(
      PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE coal (ref text PRIMARY KEY, v text)",
        "INSERT INTO coal SELECT 'c' || i, 'start' FROM generate_series(1, 100) i");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "coal", "coal", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.destination.records.size() == 100);
      int before = h.destination.requests.size();
      h.destination.hold(); // the whole burst lands in as few flush windows as possible
      db.execute(
          "DO $$ BEGIN FOR i IN 1..10000 LOOP UPDATE coal SET v = 'u' || i WHERE ref = 'c' ||"
              + " (1 + i % 100); IF i % 100 = 0 THEN COMMIT; END IF; END LOOP; END $$");
      h.destination.release();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(destination(h.destination)).isEqualTo(source(db, "coal")));
      List<List<DestinationRecord>> burst =
          h.destination.requests.subList(before, h.destination.requests.size());
      int records = burst.stream().mapToInt(List::size).sum();
      assertThat(burst).allSatisfy(request -> assertThat(request.size()).isLessThanOrEqualTo(100));
      // every flush window carries at most one record per key: far fewer records than changes
      assertThat(records).isLessThan(1000);
      assertThat(h.state.snapshot().counters().getChangesCaptured()).isGreaterThanOrEqualTo(10_100);
    }
  }

  @Test
  void confirmedLsnNeverPassesAnUnacknowledgedChange(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE held (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "held", "held", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      h.destination.hold();
      // the slot may confirm WAL up to the held transaction's commit record (keepalives report
      // positions of other WAL), and never past it: a restart would then skip the held changes
      long heldCommit =
          CommitLsn.of(
              db,
              "sss_held",
              "INSERT INTO held VALUES ('a', '1')",
              "INSERT INTO held VALUES ('b', '2')");
      long afterWrite = currentLsn(db);
      // over several flushes and status updates the slot stays before the held changes
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.destination.records.isEmpty() && confirmedFlush(db, "sss_held") <= heldCommit);
      // more traffic elsewhere must not move the slot past the held changes either
      db.execute("CREATE TABLE other (x int)", "INSERT INTO other SELECT generate_series(1, 1000)");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(30))
          .until(() -> confirmedFlush(db, "sss_held") <= heldCommit);
      h.destination.release();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> confirmedFlush(db, "sss_held") >= afterWrite);
      assertThat(h.destination.records).containsOnlyKeys("a", "b");
    }
  }

  @Test
  void idleSlotAdvancesWhileOtherTablesAreBusy(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE quiet (ref text PRIMARY KEY, v text)", "CREATE TABLE busy (x int)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "quiet", "quiet", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      long start = confirmedFlush(db, "sss_quiet");
      db.execute("INSERT INTO busy SELECT generate_series(1, 20000)");
      long afterBusy = currentLsn(db);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(confirmedFlush(db, "sss_quiet")).isGreaterThanOrEqualTo(afterBusy));
      assertThat(afterBusy).isGreaterThan(start);
    }
  }

  @Test
  void theBoundOnPendingKeysPausesReadingAndDropsNothing(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE bound (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                (EngineHarness.settings(db, "bound", "bound", DeletePolicy.Ignore, "ref", "v"))
                    .withMaxPendingKeys(50),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      h.destination.hold();
      db.execute("INSERT INTO bound SELECT 'k' || i, 'v' || i FROM generate_series(1, 500) i");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.state.pendingKeys() >= 50);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> h.state.pendingKeys() <= 50 && h.destination.records.isEmpty());
      assertThat(h.state.snapshot().counters().getChangesCaptured()).isLessThan(500);
      h.destination.release();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.size() == 500);
      assertThat(destination(h.destination)).isEqualTo(source(db, "bound"));
    }
  }
}

package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The table is altered while the runner streams. An added column changes nothing. A mapped column
 * renamed or dropped breaks the mapping: the runner stops reading there, confirms nothing past it,
 * says what to fix, and the next start — with the mapping fixed — reads the table again, so the
 * values changed in between reach the destination.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class SchemaChangeIT {

  private static Map<String, String> source(PostgresDatabase db, String table, String column) {
    Map<String, String> rows = new HashMap<>();
    for (Map<String, Object> row : db.query("SELECT ref, " + column + " AS x FROM " + table)) {
      rows.put((String) row.get("ref"), (String) row.get("x"));
    }
    return rows;
  }

  private static Map<String, String> destination(InMemoryDestination d, String field) {
    Map<String, String> rows = new HashMap<>();
    d.records.forEach(
        (k, fields) -> {
          Object v = fields.get(field);
          rows.put(k, v == InMemoryDestination.NULL ? null : (String) v);
        });
    return rows;
  }

  private static void awaitStreaming(EngineHarness h) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> h.state.currentPhase() == Phase.Streaming && h.state.ready());
  }

  @Test
  void anAddedColumnChangesNothing(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE added (ref text PRIMARY KEY, v text, w text)",
        "INSERT INTO added SELECT 'k' || i, 'v' || i, 'w' || i FROM generate_series(1, 100) i");
    SyncSettings settings =
        EngineHarness.settings(db, "added", "added", DeletePolicy.Ignore, "ref", "v", "w");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      awaitStreaming(h);
      db.execute(
          "ALTER TABLE added ADD COLUMN extra text DEFAULT 'x'",
          "UPDATE added SET v = v || '+', extra = 'y' WHERE ref LIKE 'k1%'",
          "INSERT INTO added VALUES ('new', 'nv', 'nw', 'ne')");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(destination(h.destination, "V__c"))
                      .isEqualTo(source(db, "added", "v")));
      assertThat(h.state.ready()).isTrue();
      assertThat(h.destination.records.get("new")).doesNotContainKey("Extra__c");
    }
  }

  @Test
  void aRenamedMappedColumnStopsTheRunnerUntilTheMappingFollows(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE renamed (ref text PRIMARY KEY, v text, w text)",
        "INSERT INTO renamed SELECT 'k' || i, 'v' || i, 'w' || i FROM generate_series(1, 100) i");
    SyncSettings settings =
        EngineHarness.settings(db, "renamed", "renamed", DeletePolicy.Ignore, "ref", "v", "w");
    InMemoryDestination destination = new InMemoryDestination();
    try (EngineHarness h = new EngineHarness(settings, destination, EngineHarness.FAST).start()) {
      awaitStreaming(h);
      db.execute("UPDATE renamed SET w = 'before' WHERE ref = 'k1'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "before".equals(destination.records.get("k1").get("W__c")));
      db.execute("ALTER TABLE renamed RENAME COLUMN w TO w2");
      long beforeUpdate = CaptureFlowIT.currentLsn(db);
      db.execute("UPDATE renamed SET w2 = 'after', v = 'after' WHERE ref IN ('k2', 'k3')");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "MappingBroken".equals(h.state.snapshot().reason()));
      assertThat(h.state.ready()).isFalse();
      assertThat(h.state.snapshot().message())
          .contains("column(s) w of public.renamed")
          .contains("renamed or dropped")
          .contains("spec.mapping");
      // the changes after the rename were not sent with a missing field, nor confirmed
      assertThat(destination.records.get("k2").get("V__c")).isEqualTo("v2");
      assertThat(CaptureFlowIT.confirmedFlush(db, "sss_renamed")).isLessThanOrEqualTo(beforeUpdate);
    }

    SyncSettings fixed =
        settings.withMapping(
            List.of(
                new FieldMap("ref", "Ref__c"),
                new FieldMap("v", "V__c"),
                new FieldMap("w2", "W__c")));
    try (EngineHarness h = new EngineHarness(fixed, destination, EngineHarness.FAST).start()) {
      awaitStreaming(h);
      db.execute("UPDATE renamed SET v = 'later' WHERE ref = 'k4'");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(destination(destination, "W__c")).isEqualTo(source(db, "renamed", "w2"));
                assertThat(destination(destination, "V__c")).isEqualTo(source(db, "renamed", "v"));
              });
    }
  }

  @Test
  void aMappedColumnDroppedWithCascadeStopsTheRunnerAndNothingIsMissedAfterTheFix(
      PostgresDatabase db) {
    db.execute(
        "CREATE TABLE dropped (ref text PRIMARY KEY, v text, w text)",
        "INSERT INTO dropped SELECT 'k' || i, 'v' || i, 'w' || i FROM generate_series(1, 100) i");
    SyncSettings settings =
        EngineHarness.settings(db, "dropped", "dropped", DeletePolicy.Ignore, "ref", "v", "w");
    InMemoryDestination destination = new InMemoryDestination();
    try (EngineHarness h = new EngineHarness(settings, destination, EngineHarness.FAST).start()) {
      awaitStreaming(h);
      // Postgres refuses to drop a published column unless CASCADE, which unpublishes the table
      db.execute(
          "ALTER TABLE dropped DROP COLUMN w CASCADE",
          "UPDATE dropped SET v = 'after drop' WHERE ref IN ('k2', 'k3')");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "MappingBroken".equals(h.state.snapshot().reason()));
      assertThat(h.state.snapshot().message()).contains("no longer publishes");
    }

    SyncSettings fixed =
        settings.withMapping(List.of(new FieldMap("ref", "Ref__c"), new FieldMap("v", "V__c")));
    try (EngineHarness h = new EngineHarness(fixed, destination, EngineHarness.FAST).start()) {
      awaitStreaming(h);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(destination(destination, "V__c"))
                      .isEqualTo(source(db, "dropped", "v")));
    }
  }
}

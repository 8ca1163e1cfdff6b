package io.serversidesync.runner.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.postgres.PostgresVersions;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.preflight.Preflight;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One representative capture run on every PostgreSQL major version the runner supports (13 to 18,
 * binaries from Maven Central): snapshot and stream handover, an unmapped column (published on 13
 * and 14, which have no publication column lists), updates that leave a TOASTed value unchanged,
 * deletes, and the version's own refusals; then trigger capture of the same table, with a row
 * filter. {@code make test-pg-versions} runs the capture suite on each of them.
 */
@Tag("integration")
class ServerVersionsIT {

  static Stream<String> majors() {
    return PostgresVersions.majors().stream();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void snapshotStreamToastAndDeletesArriveExactly(String major) throws Exception {
    try (PostgresCluster cluster = PostgresCluster.start(major)) {
      assertThat(cluster.majorVersion()).isEqualTo(Integer.parseInt(major));
      PostgresDatabase db = cluster.createDatabase("versions");
      db.execute(
          "CREATE TABLE contacts (ref text PRIMARY KEY, v text, notes text, secret text)",
          "INSERT INTO contacts SELECT 'k' || i, 'initial', CASE WHEN i % 10 = 0 THEN (SELECT"
              + " string_agg(md5(i::text || j::text), '') FROM generate_series(1, 400) j) END,"
              + " 'not mapped' FROM generate_series(1, 500) i");
      SyncSettings settings =
          EngineHarness.settings(
              db, "contacts", "contacts", DeletePolicy.Delete, "ref", "v", "notes");
      try (EngineHarness h =
          new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> h.state.currentPhase() == Phase.Streaming || h.failure.get() != null);
        assertThat(h.failure.get()).isNull();
        db.execute(
            "INSERT INTO contacts SELECT 'n' || i, 'new', NULL, 'x' FROM generate_series(1, 100) i",
            "UPDATE contacts SET v = 'touched' WHERE ref LIKE 'k%0'", // notes unchanged TOAST
            "UPDATE contacts SET secret = 'only the unmapped column'",
            "DELETE FROM contacts WHERE ref IN ('k1', 'k2', 'n1')");
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(destination(h.destination)).isEqualTo(source(db)));
        assertThat(h.destination.deleted).contains("k1", "k2", "n1");
        assertThat(h.failure.get()).isNull();
      }
      if (Integer.parseInt(major) < 15) {
        assertFilterRefused(db, settings.withFilter("v = 'new'"));
      }
      triggerCaptureWithAFilter(db, settings);
    }
  }

  /** Trigger capture on the same table, with a row filter (which needs no version there). */
  private static void triggerCaptureWithAFilter(PostgresDatabase db, SyncSettings logical) {
    SyncSettings settings =
        logical
            .withName("contacts_triggers")
            .withCapture(CaptureMethod.Triggers)
            .withFilter("v <> 'hidden'");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> h.state.currentPhase() == Phase.Streaming || h.failure.get() != null);
      assertThat(h.failure.get()).isNull();
      db.execute(
          "INSERT INTO contacts SELECT 't' || i, 'by trigger', NULL, 'x'"
              + " FROM generate_series(1, 50) i",
          "UPDATE contacts SET v = 'hidden' WHERE ref = 't1'",
          "DELETE FROM contacts WHERE ref = 'n2'");
      Map<String, List<Object>> expected = source(db);
      expected.remove("t1");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(destination(h.destination)).isEqualTo(expected));
    }
  }

  private static void assertFilterRefused(PostgresDatabase db, SyncSettings settings)
      throws Exception {
    try (Connection c = db.connect()) {
      assertThatThrownBy(() -> new Preflight(settings, 18).check(c))
          .isInstanceOf(PreflightException.class)
          .hasMessageContaining("spec.source.filter needs PostgreSQL 15 or newer");
    }
  }

  private static Map<String, List<Object>> source(PostgresDatabase db) {
    Map<String, List<Object>> rows = new HashMap<>();
    for (Map<String, Object> row : db.query("SELECT ref, v, notes FROM contacts")) {
      rows.put((String) row.get("ref"), java.util.Arrays.asList(row.get("v"), row.get("notes")));
    }
    return rows;
  }

  private static Map<String, List<Object>> destination(InMemoryDestination d) {
    Map<String, List<Object>> rows = new HashMap<>();
    d.records.forEach(
        (key, fields) ->
            rows.put(
                key,
                java.util.Arrays.asList(value(fields.get("V__c")), value(fields.get("Notes__c")))));
    return rows;
  }

  private static Object value(Object field) {
    return field == InMemoryDestination.NULL ? null : field;
  }
}

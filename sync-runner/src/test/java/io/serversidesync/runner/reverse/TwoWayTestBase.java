package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sandbox, a real Postgres and helpers shared by the two-way integration tests. */
@ExtendWith(PostgresExtension.class)
abstract class TwoWayTestBase {

  static Sandbox sandbox;
  static SalesforceRest salesforce;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
    salesforce = new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void resetSandbox() {
    sandbox.reset();
    sandbox.clock().reset();
  }

  /** A running sync and the gates around its destination. */
  record Started(TwoWayRun run, GatedDestination gates) implements AutoCloseable {
    ReverseStats reverse() {
      return run.reverse();
    }

    @Override
    public void close() {
      gates.beforeWrite.open();
      gates.afterWrite.open();
      gates.beforeRead.open();
      gates.afterRead.open();
      run.close();
    }
  }

  static Started start(SyncSettings settings) throws Exception {
    return start(settings, TwoWayFixture.FAST);
  }

  static Started start(SyncSettings settings, EngineOptions options) throws Exception {
    RunnerState state = new RunnerState(settings.name());
    GatedDestination gates =
        new GatedDestination(TwoWayFixture.salesforce(sandbox, settings, state));
    return new Started(new TwoWayRun(settings, gates, state, options).start(), gates);
  }

  /**
   * Creates {@code table} with these rows (the VALUES list of (ref, last_name, email)), starts its
   * sync polling every 300 ms, and returns once every row has its record's Id and two polls passed.
   */
  static Started startSynced(
      PostgresDatabase db, String table, String rows, ConflictPolicy policy, DeletePolicy deletes)
      throws Exception {
    TwoWayFixture.createTable(db, table);
    db.execute("INSERT INTO " + table + " (ref, last_name, email) VALUES " + rows);
    Started s =
        start(TwoWayFixture.settings(db, table, table, policy, Duration.ofMillis(300), deletes));
    try {
      awaitIdsFilled(db, table, (int) db.queryLong("SELECT count(*) FROM " + table));
      awaitPolls(s, 2);
      return s;
    } catch (RuntimeException | Error e) {
      s.close();
      throw e;
    }
  }

  /** Runs a statement on the synced table and waits until the runner has captured its change. */
  static void executeAndAwaitCapture(Started s, PostgresDatabase db, String sql) {
    long captured = s.run().state.changesCaptured();
    db.execute(sql);
    await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.changesCaptured() > captured);
  }

  /** Every row has the Id of the Salesforce record with its key. */
  static void awaitIdsFilled(PostgresDatabase db, String table, int rows) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Map<String, Object>> pg = TwoWayFixture.rows(db, table);
              Map<String, Map<String, Object>> sf = TwoWayFixture.contacts(sandbox);
              assertThat(pg).hasSize(rows);
              pg.forEach(
                  (ref, row) -> {
                    assertThat(sf).containsKey(ref);
                    assertThat(row.get("sf_id")).isEqualTo(sf.get(ref).get("Id"));
                  });
            });
  }

  /** Waits until the reverse loop has finished {@code n} more polls. */
  static void awaitPolls(Started s, int n) {
    long polls = s.reverse().polls();
    await().atMost(Duration.ofSeconds(20)).until(() -> s.reverse().polls() >= polls + n);
  }

  static Object email(PostgresDatabase db, String table, String ref) {
    Map<String, Object> row = TwoWayFixture.rows(db, table).get(ref);
    return row == null ? null : row.get("email");
  }

  static Object sfEmail(String ref) {
    Map<String, Object> record = TwoWayFixture.contacts(sandbox).get(ref);
    return record == null ? null : record.get("Email");
  }

  static String sfId(String ref) {
    return TwoWayFixture.contacts(sandbox).get(ref).get("Id").toString();
  }

  /** Whether a page holds the record of {@code ref} with this email. */
  static boolean holds(ChangePage page, String ref, String email) {
    return page.records().stream()
        .anyMatch(r -> ref.equals(r.externalId()) && email.equals(r.fields().get("Email")));
  }
}

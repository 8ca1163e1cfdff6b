package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.CommitLsn;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad rows and rejected records end in serversidesync.errors while the stream goes on. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class RecordErrorsIT {

  private static List<Map<String, Object>> errors(PostgresDatabase db, String sync) {
    return db.query(
        "SELECT upsert_key, code, message, fields::text AS fields, payload::text AS payload,"
            + " resolved_at FROM serversidesync.errors WHERE sync = '"
            + sync
            + "' ORDER BY id");
  }

  @Test
  void nullKeyAndUnconvertibleValuesLandInTheErrorsTableWhileTheStreamGoesOn(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE bad (id serial PRIMARY KEY, ref text UNIQUE, amount numeric)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "bad", "bad", DeletePolicy.Ignore, "ref", "amount"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "INSERT INTO bad (ref, amount) VALUES (NULL, 1)",
          "INSERT INTO bad (ref, amount) VALUES ('nan', 'NaN')",
          "INSERT INTO bad (ref, amount) VALUES ('ok', 2.5)");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("ok"));
      await().atMost(Duration.ofSeconds(30)).until(() -> errors(db, "bad").size() == 2);
      List<Map<String, Object>> rows = errors(db, "bad");
      assertThat(rows.get(0))
          .containsEntry("upsert_key", null)
          .containsEntry("code", "NULL_UPSERT_KEY")
          .containsEntry("fields", "{Ref__c}");
      assertThat((String) rows.get(0).get("message")).contains("upsert key column ref is null");
      assertThat((String) rows.get(0).get("payload")).contains("\"amount\": \"1\"");
      assertThat(rows.get(1))
          .containsEntry("upsert_key", "nan")
          .containsEntry("code", "VALUE_NOT_CONVERTIBLE")
          .containsEntry("fields", "{Amount__c}");
      assertThat((String) rows.get(1).get("message")).contains("column amount: numeric NaN");
      assertThat(h.destination.records).doesNotContainKey("nan");
      assertThat(h.destination.records.get("ok")).containsEntry("Amount__c", new BigDecimal("2.5"));
      assertThat(h.state.snapshot().counters().getRecordErrors()).isEqualTo(2);

      // fixing the value writes the key and resolves its error row
      db.execute("UPDATE bad SET amount = 3 WHERE ref = 'nan'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> errors(db, "bad").get(1).get("resolved_at") != null);
      assertThat(h.destination.records.get("nan")).containsEntry("Amount__c", new BigDecimal("3"));
      assertThat(errors(db, "bad").get(0).get("resolved_at")).isNull();
    }
  }

  @Test
  void permanentAndExhaustedRetryableOutcomesAreRecordedAndReplayResendsThem(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE rej (ref text PRIMARY KEY, v text)");
    InMemoryDestination destination = new InMemoryDestination();
    destination.outcomes(
        r ->
            switch (r.externalId()) {
              case "too-long" ->
                  new RecordOutcome.Permanent(
                      "STRING_TOO_LONG", "V: data value too large", List.of("V__c"));
              case "locked" ->
                  new RecordOutcome.Retryable("UNABLE_TO_LOCK_ROW", "unable to obtain lock", null);
              default -> null;
            });
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "rej", "rej", DeletePolicy.Ignore, "ref", "v"),
                destination,
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute("INSERT INTO rej VALUES ('too-long', 'x'), ('locked', 'y'), ('fine', 'z')");
      await().atMost(Duration.ofSeconds(30)).until(() -> errors(db, "rej").size() == 2);
      assertThat(destination.records).containsOnlyKeys("fine");
      assertThat(errors(db, "rej"))
          .extracting(r -> r.get("upsert_key") + ":" + r.get("code"))
          .containsExactlyInAnyOrder("too-long:STRING_TOO_LONG", "locked:UNABLE_TO_LOCK_ROW");
      // each retry of the locked record was counted; the stream went on
      assertThat(destination.requests.stream().filter(r -> r.size() == 1).count())
          .isGreaterThanOrEqualTo(3);

      // the cause goes away; a replay request re-reads and resends the keys, resolving the rows
      destination.outcomes(r -> null);
      db.execute("UPDATE serversidesync.errors SET replay_requested_at = now() WHERE sync = 'rej'");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(errors(db, "rej"))
                      .allSatisfy(r -> assertThat(r.get("resolved_at")).isNotNull()));
      assertThat(destination.records).containsOnlyKeys("fine", "too-long", "locked");
    }
  }

  /**
   * An errors table the runner cannot write (here a trigger refuses like a missing grant would,
   * since the test's role is a superuser) makes the runner not ready, naming the grant; nothing is
   * lost or confirmed meanwhile, and the row lands once the table takes it.
   */
  @Test
  void anErrorsTableTheRunnerCannotWriteMakesItNotReadyNamingTheGrant(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE locked_out (ref text PRIMARY KEY, v text)");
    InMemoryDestination destination = new InMemoryDestination();
    destination.outcomes(
        r ->
            "bad".equals(r.externalId())
                ? new RecordOutcome.Permanent("STRING_TOO_LONG", "V: too large", List.of("V__c"))
                : null);
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(
                    db, "locked_out", "locked_out", DeletePolicy.Ignore, "ref", "v"),
                destination,
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute(
          "CREATE FUNCTION serversidesync.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " RAISE EXCEPTION 'permission denied for table errors' USING ERRCODE = '42501';"
              + " END $$",
          "CREATE TRIGGER refuse BEFORE INSERT ON serversidesync.errors"
              + " FOR EACH ROW EXECUTE FUNCTION serversidesync.refuse()");
      long commit =
          CommitLsn.of(db, "sss_locked_out", "INSERT INTO locked_out VALUES ('bad', 'x')");
      await().atMost(Duration.ofSeconds(30)).until(() -> !h.state.ready());
      RunnerStatus status = h.state.snapshot();
      assertThat(status.reason()).isEqualTo("InsufficientPrivilege");
      assertThat(status.message())
          .contains("serversidesync.errors")
          .contains("GRANT SELECT, INSERT, UPDATE ON serversidesync.errors TO " + db.user());
      assertThat(CaptureFlowIT.confirmedFlush(db, "sss_locked_out")).isLessThanOrEqualTo(commit);

      db.execute("DROP TRIGGER refuse ON serversidesync.errors");
      await().atMost(Duration.ofSeconds(30)).until(() -> errors(db, "locked_out").size() == 1);
      await().atMost(Duration.ofSeconds(30)).until(h.state::ready);
      assertThat(errors(db, "locked_out").get(0)).containsEntry("code", "STRING_TOO_LONG");
    }
  }

  @Test
  void theReplayAnnotationReplaysOncePerNewValue(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE ann (ref text PRIMARY KEY, v text)");
    var settings = EngineHarness.settings(db, "ann", "ann", DeletePolicy.Ignore, "ref", "v");
    InMemoryDestination rejecting = new InMemoryDestination();
    rejecting.outcomes(
        r -> new RecordOutcome.Permanent("FIELD_CUSTOM_VALIDATION_EXCEPTION", "no", List.of()));
    try (EngineHarness h = new EngineHarness(settings, rejecting, EngineHarness.FAST).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute("INSERT INTO ann VALUES ('a', '1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> errors(db, "ann").size() == 1);
    }
    // the user fixed the validation rule and annotated the resource
    try (EngineHarness h =
        new EngineHarness(
                settings.withReplayErrorsRequest("2026-01-01T00:00:00Z"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("a"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> errors(db, "ann").get(0).get("resolved_at") != null);
      assertThat(h.state.snapshot().replayErrorsAcknowledged()).isEqualTo("2026-01-01T00:00:00Z");
    }
    // a restart with the same annotation value does not replay again
    db.execute(
        "INSERT INTO serversidesync.errors (sync, upsert_key, code, message)"
            + " VALUES ('ann', 'a', 'LATER', 'a later error')");
    try (EngineHarness h =
        new EngineHarness(
                settings.withReplayErrorsRequest("2026-01-01T00:00:00Z"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      assertThat(h.state.snapshot().replayErrorsAcknowledged()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM serversidesync.errors WHERE sync = 'ann'"
                      + " AND replay_requested_at IS NOT NULL"))
          .isZero();
      assertThat(h.destination.records).isEmpty();

      // a new value arriving while the runner runs (the operator updated the mounted manifest)
      h.engine.requestReplay("2026-02-02T00:00:00Z");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "2026-02-02T00:00:00Z".equals(h.state.snapshot().replayErrorsAcknowledged())
                      && h.destination.records.containsKey("a"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  db.queryLong(
                          "SELECT count(*) FROM serversidesync.errors WHERE sync = 'ann'"
                              + " AND resolved_at IS NULL")
                      == 0);
    }
  }
}

package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.CommitLsn;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the runner reacts to each kind of DestinationException. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class DestinationFailuresIT {

  private static EngineHarness start(PostgresDatabase db, String name) {
    db.execute("CREATE TABLE " + name + " (ref text PRIMARY KEY, v text)");
    EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, name, name, DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start();
    await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
    return h;
  }

  @Test
  void transientFailuresAreRetriedWithBackoff(PostgresDatabase db) {
    try (EngineHarness h = start(db, "transient")) {
      h.destination.failNextRequests(
          new DestinationException(Kind.TRANSIENT, "ServerUnavailable", "503 from destination"),
          new DestinationException(Kind.TRANSIENT, "ServerUnavailable", "503 from destination"),
          new DestinationException(Kind.TRANSIENT, "Timeout", "read timed out"));
      db.execute("INSERT INTO transient VALUES ('a', '1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("a"));
      assertThat(h.destination.calls.get()).isEqualTo(4);
      assertThat(h.state.ready()).isTrue();
    }
  }

  @Test
  void throttledWaitsUntilRetryAtInPhaseThrottled(PostgresDatabase db) {
    try (EngineHarness h = start(db, "throttled")) {
      // the throttle runs from the refused request, however long the capture took to get there
      AtomicReference<Instant> until = new AtomicReference<>();
      h.destination.failNextRequest(
          () -> {
            until.set(Instant.now().plusSeconds(5));
            return new DestinationException(
                Kind.THROTTLED, "RequestLimitExceeded", "daily API quota spent", until.get(), null);
          });
      db.execute("INSERT INTO throttled VALUES ('a', '1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.state.currentPhase() == Phase.Throttled);
      RunnerStatus status = h.state.snapshot();
      assertThat(status.throttledUntil()).isEqualTo(until.get().toString());
      assertThat(status.message()).isEqualTo("daily API quota spent");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("a"));
      // the one invariant: nothing was sent again before the destination's time
      assertThat(h.destination.firstAcceptedAt.get("a")).isAfterOrEqualTo(until.get());
      assertThat(h.destination.calls.get()).isEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  h.state.currentPhase() == Phase.Streaming
                      && h.state.snapshot().throttledUntil() == null);
    }
  }

  @Test
  void rejectedCredentialsKeepRetryingNotReadyAndConfirmNothing(PostgresDatabase db) {
    try (EngineHarness h = start(db, "creds")) {
      DestinationException rejected =
          new DestinationException(
              Kind.CREDENTIALS,
              "CredentialsRejected",
              "Salesforce rejected the client credentials (invalid_client); update Secret"
                  + " sf-oauth");
      h.destination.refuse(rejected);
      // WAL the runner has no use for is confirmed as it goes by (the first CI failure of this
      // test: the slot moved past its position before the insert, which is right)
      db.execute("CREATE TABLE unrelated (x int)", "INSERT INTO unrelated VALUES (1)");
      long unrelated = CaptureFlowIT.currentLsn(db);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> CaptureFlowIT.confirmedFlush(db, "sss_creds") >= unrelated);
      long commit = CommitLsn.of(db, "sss_creds", "INSERT INTO creds VALUES ('a', '1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> !h.state.ready());
      RunnerStatus status = h.state.snapshot();
      assertThat(status.reason()).isEqualTo("CredentialsRejected");
      assertThat(status.message()).isEqualTo(rejected.getMessage());
      int refused = h.destination.calls.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.calls.get() >= refused + 3);
      // WAL before the insert (keepalives, other tables) may be confirmed meanwhile; the insert's
      // commit may not, or a restart would skip the undelivered row
      assertThat(CaptureFlowIT.confirmedFlush(db, "sss_creds")).isLessThanOrEqualTo(commit);
      assertThat(h.destination.records).isEmpty();
      h.destination.accept();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.containsKey("a"));
      await().atMost(Duration.ofSeconds(30)).until(h.state::ready);
    }
  }

  /**
   * A mapping the destination refuses at start leaves nothing behind in Postgres: a publication
   * left by a failed start holds the table's columns (ALTER TABLE … DROP COLUMN refuses to drop a
   * published one); a review found nine such leftovers.
   */
  @Test
  void aMappingTheDestinationRefusesAtStartCreatesNothingInPostgres(PostgresDatabase db) {
    db.execute("CREATE TABLE refused (ref text PRIMARY KEY, v text)");
    InMemoryDestination destination = new InMemoryDestination();
    destination.failPreflight(
        new DestinationException(
            Kind.CONFIGURATION, "InvalidField", "field V__c does not exist on Contact; fix it"));
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "refused", "refused", DeletePolicy.Ignore, "ref", "v"),
                destination,
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !h.running());
      assertThat(h.failure.get()).isInstanceOf(EngineFailure.class).hasMessageContaining("V__c");
      assertThat(db.queryLong("SELECT count(*) FROM pg_publication WHERE pubname = 'sss_refused'"))
          .isZero();
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_refused'"))
          .isZero();
      db.execute("ALTER TABLE refused DROP COLUMN v");
    }
  }

  @Test
  void configurationRejectionStopsTheRunnerWithTheMessage(PostgresDatabase db) {
    try (EngineHarness h = start(db, "config")) {
      h.destination.failNextRequests(
          new DestinationException(
              Kind.CONFIGURATION,
              "InvalidField",
              "field V__c does not exist on Contact; fix spec.mapping"));
      db.execute("INSERT INTO config VALUES ('a', '1')");
      await().atMost(Duration.ofSeconds(30)).until(() -> !h.running());
      assertThat(h.failure.get())
          .isInstanceOf(EngineFailure.class)
          .hasMessage("field V__c does not exist on Contact; fix spec.mapping");
      RunnerStatus status = h.state.snapshot();
      assertThat(status.phase()).isEqualTo(Phase.Failed);
      assertThat(status.reason()).isEqualTo("InvalidField");
      assertThat(h.destination.records).isEmpty();
    }
  }
}

package io.serversidesync.reliability.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.reliability.net.TcpProxy;
import io.serversidesync.reliability.testing.ContactsSync;
import io.serversidesync.reliability.workload.SourceWriter;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's jar rides out its neighbours being away: Postgres down when it starts, and the
 * destination off the network for a window (20 s here, {@code -Dsss.outage.seconds=120} for the
 * issue's two minutes; the full {@code make chaos} run has a 2-minute outage under load).
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class OutagesIT {

  private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("sss.outage.seconds", 20));
  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.builder().build());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private Path secrets(PostgresDatabase db) {
    return new SecretsFile()
        .put(SyncManifest.DB_SECRET, "username", db.user())
        .put(SyncManifest.DB_SECRET, "password", db.password())
        .put(SyncManifest.OAUTH_SECRET, "clientId", SandboxConfig.DEFAULT_CLIENT_ID)
        .put(SyncManifest.OAUTH_SECRET, "clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET)
        .write(dir.resolve("secrets.yaml"));
  }

  private static JsonNode status(RunnerProcess runner, AtomicReference<JsonNode> last) {
    runner.probe().status().ifPresent(last::set);
    return last.get();
  }

  @Test
  void postgresDownAtStartIsWaitedForAndNothingIsMissed(
      PostgresDatabase db, PostgresCluster cluster) {
    db.execute(ContactsSync.ddl("pgdown"), ContactsSync.insert("pgdown", "pd", 1, 50));
    Path config =
        ContactsSync.manifest("pgdown", db, "pgdown", sandbox.baseUrl())
            .write(dir.resolve("pgdown.yaml"));
    cluster.stop();
    RunnerProcess runner;
    try {
      runner =
          RunnerProcess.start(
              RunnerCommand.run(config, secrets(db), dir.resolve("pgdown.log"))
                  .withStopGrace(Duration.ZERO));
      AtomicReference<JsonNode> last = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  status(runner, last) != null
                      && last.get().path("reason").asText().equals("SourceUnavailable"));
      assertThat(last.get().path("ready").asBoolean()).isFalse();
      assertThat(last.get().path("phase").asText()).isEqualTo("Pending");
      assertThat(last.get().path("message").asText())
          .contains("cannot prepare the source database")
          .contains(db.host() + ":" + db.port() + "/" + db.name());
      assertThat(runner.isAlive()).isTrue();
    } finally {
      cluster.startAgain();
    }
    try (runner) {
      // the backoff tops out at 30 s
      await().atMost(Duration.ofSeconds(90)).until(() -> runner.probe().ready());
      db.execute(ContactsSync.insert("pgdown", "pd", 51, 60));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(ContactsSync.records(sandbox, "pd"))
                      .isEqualTo(ContactsSync.rows(db, "pgdown")));
      assertThat(runner.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void theDestinationOffTheNetworkIsRiddenOutAndNothingIsConfirmedMeanwhile(PostgresDatabase db)
      throws Exception {
    db.execute(ContactsSync.ddl("sfdown"), ContactsSync.insert("sfdown", "sd", 1, 50));
    try (Sandbox sandbox = Sandbox.start(SandboxConfig.builder().build());
        TcpProxy proxy = TcpProxy.start("127.0.0.1", sandbox.port())) {
      sandbox.advertiseUrl(proxy.url());
      ridesOutTheOutage(db, sandbox, proxy);
    }
  }

  private void ridesOutTheOutage(PostgresDatabase db, Sandbox sandbox, TcpProxy proxy)
      throws Exception {
    try (RunnerProcess runner =
        RunnerProcess.start(
            RunnerCommand.run(
                    ContactsSync.manifest("sfdown", db, "sfdown", proxy.url())
                        .write(dir.resolve("sfdown.yaml")),
                    secrets(db),
                    dir.resolve("sfdown.log"))
                .withStopGrace(Duration.ZERO))) {
      await().atMost(Duration.ofSeconds(90)).until(() -> runner.probe().ready());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ContactsSync.records(sandbox, "sd").size() == 50);

      proxy.down();
      Instant downAt = Instant.now();
      db.execute(
          ContactsSync.insert("sfdown", "sd", 51, 80),
          "UPDATE public.sfdown SET email = 'during@example.com' WHERE customer_ref = 'sd1'");
      long written = currentLsn(db);
      AtomicReference<JsonNode> last = new AtomicReference<>();
      List<String> reasons = new ArrayList<>();
      await()
          .atMost(OUTAGE.plusSeconds(30))
          .until(
              () -> {
                JsonNode s = status(runner, last);
                if (s != null && !s.path("ready").asBoolean()) {
                  reasons.add(s.path("reason").asText() + ": " + s.path("message").asText());
                }
                // nothing past the undelivered changes is confirmed while the destination is away
                assertThat(confirmed(db, "sss_sfdown")).isLessThan(written);
                return Duration.between(downAt, Instant.now()).compareTo(OUTAGE) >= 0;
              });
      assertThat(reasons)
          .as("the runner says it cannot write while the destination is away")
          .isNotEmpty();
      assertThat(reasons.get(reasons.size() - 1))
          .contains("retrying with backoff; nothing is confirmed meanwhile");
      assertThat(runner.isAlive()).isTrue();

      proxy.up();
      // the retry backoff tops out at one minute
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(ContactsSync.records(sandbox, "sd"))
                      .isEqualTo(ContactsSync.rows(db, "sfdown")));
      await().atMost(Duration.ofSeconds(30)).until(() -> runner.probe().ready());
      await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(db, "sss_sfdown") >= written);
      assertThat(runner.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private static long currentLsn(PostgresDatabase db) {
    return SourceWriter.parseLsn(
        (String) db.query("SELECT pg_current_wal_insert_lsn()::text AS l").get(0).get("l"));
  }

  private static long confirmed(PostgresDatabase db, String slot) {
    return SourceWriter.parseLsn(
        (String)
            db.query(
                    "SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots"
                        + " WHERE slot_name = '"
                        + slot
                        + "'")
                .get(0)
                .get("l"));
  }
}

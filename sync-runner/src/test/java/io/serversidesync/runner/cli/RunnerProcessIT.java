package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.harness.postgres.CommitLsn;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a child JVM (the shaded jar): status endpoints, and SIGTERM drains and exits 0. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class RunnerProcessIT {

  @TempDir Path dir;

  @Test
  void servesStatusAndDrainsPendingChangesOnSigterm(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE term (ref text PRIMARY KEY, v text)",
        "CREATE TABLE sink (external_id text PRIMARY KEY, fields text)");
    Path jar = Path.of("target/sync-runner.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path log = dir.resolve("runner.log");
    RunnerCommand command =
        RunnerCommand.run(
                // a long maxDelay: the changes are still pending when SIGTERM arrives
                Manifests.manifest(dir, db, "term", "term", "  batching: {maxDelay: 5m}\n"),
                Manifests.secrets(dir, db),
                log)
            .withJvmOptions(List.of("-Xmx128m", "-Dsss.test.sink.table=sink"))
            // test classes first: their test-only provider is chosen before any in the jar
            .withClassPath(
                Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator + jar);
    try (RunnerProcess process = RunnerProcess.start(command)) {
      StatusProbe probe = process.probe();
      int port = probe.port();
      await().atMost(Duration.ofSeconds(60)).until(probe::ready);
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.phase().equals("Streaming"));
      JsonNode status = probe.status().orElseThrow();
      assertThat(status.path("sync").asText()).isEqualTo("term");
      assertThat(status.path("phase").asText()).isEqualTo("Streaming");
      assertThat(status.path("ready").asBoolean()).isTrue();
      assertThat(probe.live()).isTrue();

      long commit =
          CommitLsn.of(
              db,
              "sss_term",
              "INSERT INTO term SELECT 'k' || i, 'v' || i FROM generate_series(1, 50) i");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  probe
                          .status()
                          .map(st -> st.path("counters").path("changesCaptured").asLong())
                          .orElse(0L)
                      >= 50);
      String metrics = probe.body("/metrics").orElseThrow();
      assertThat(metrics)
          .contains("serversidesync_changes_captured_total{sync=\"term\"} 50.0")
          .contains("serversidesync_lag_bytes")
          .contains("serversidesync_phase{phase=\"Streaming\",sync=\"term\"} 1.0");
      assertThat(db.queryLong("SELECT count(*) FROM sink")).isZero();

      assertThat(process.terminate(Duration.ofSeconds(60)))
          .as(process.output())
          .isZero(); // SIGTERM
      assertThat(db.queryLong("SELECT count(*) FROM sink")).isEqualTo(50);
      String confirmed =
          (String)
              db.query(
                      "SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots"
                          + " WHERE slot_name = 'sss_term'")
                  .get(0)
                  .get("l");
      // past the commit: a restart does not send the 50 again
      assertThat(Lsn.parse(confirmed)).isGreaterThan(commit);
      String output = Files.readString(log);
      // started by hand, the status is for this machine only
      assertThat(output).contains("status on port " + port + " (/status, bound to 127.0.0.1)");
      assertThat(output).contains("stopping: delivering 50 pending key(s)");
      assertThat(output).doesNotContain(db.password());
    }
  }
}

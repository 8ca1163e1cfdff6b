package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.testing.postgres.CommitLsn;
import io.serversidesync.testing.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a child JVM (the shaded jar): status endpoints, and SIGTERM drains and exits 0. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class RunnerProcessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean ready(int port) {
    try {
      return get(port, "/readyz").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void servesStatusAndDrainsPendingChangesOnSigterm(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE term (ref text PRIMARY KEY, v text)",
        "CREATE TABLE sink (external_id text PRIMARY KEY, fields text)");
    Path jar = Path.of("target/sync-runner.jar").toAbsolutePath();
    assertThat(jar).exists();
    int port = freePort();
    Path log = dir.resolve("runner.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx128m",
            "-Dsss.test.sink.table=sink",
            "-cp",
            // test classes first: their test-only provider is chosen before any in the jar
            Path.of("target/test-classes").toAbsolutePath() + java.io.File.pathSeparator + jar,
            "io.serversidesync.runner.cli.SyncRunnerCommand",
            "run",
            "--config",
            // a long maxDelay: the changes are still pending when SIGTERM arrives
            Manifests.manifest(dir, db, "term", "term", "  batching: {maxDelay: 5m}\n").toString(),
            "--secrets",
            Manifests.secrets(dir, db).toString(),
            "--status-port",
            String.valueOf(port)));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> ready(port));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  JSON.readTree(get(port, "/status").body())
                      .path("phase")
                      .asText()
                      .equals("Streaming"));
      JsonNode status = JSON.readTree(get(port, "/status").body());
      assertThat(status.path("sync").asText()).isEqualTo("term");
      assertThat(status.path("phase").asText()).isEqualTo("Streaming");
      assertThat(status.path("ready").asBoolean()).isTrue();
      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

      long commit =
          CommitLsn.of(
              db,
              "sss_term",
              "INSERT INTO term SELECT 'k' || i, 'v' || i FROM generate_series(1, 50) i");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  JSON.readTree(get(port, "/status").body())
                          .path("counters")
                          .path("changesCaptured")
                          .asLong()
                      >= 50);
      String metrics = get(port, "/metrics").body();
      assertThat(metrics)
          .contains("serversidesync_changes_captured_total{sync=\"term\"} 50.0")
          .contains("serversidesync_lag_bytes")
          .contains("serversidesync_phase{phase=\"Streaming\",sync=\"term\"} 1.0");
      assertThat(db.queryLong("SELECT count(*) FROM sink")).isZero();

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(log)).isZero();
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
    } finally {
      process.destroyForcibly();
    }
  }
}

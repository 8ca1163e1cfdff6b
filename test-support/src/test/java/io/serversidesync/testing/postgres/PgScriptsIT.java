package io.serversidesync.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts a developer runs by hand: pg-up.sh, psql, pg-down.sh. */
@Tag("integration")
class PgScriptsIT {

  @Test
  void upConnectsWithLogicalWalAndDownLeavesNothingRunning(@TempDir Path tmp) throws Exception {
    Path root = RepoFiles.root();
    Path envFile = tmp.resolve("pg.env");

    String up =
        run(root, Map.of(), root.resolve("scripts/pg-up.sh").toString(), envFile.toString());
    assertThat(up).contains("export PGPORT=").contains("export PGHOST=127.0.0.1");
    Map<String, String> env = readEnv(envFile);
    Path clusterDir = Path.of(env.get("PG_CLUSTER_DIR"));
    long pid =
        Long.parseLong(Files.readAllLines(clusterDir.resolve("data/postmaster.pid")).get(0).trim());

    String walLevel =
        run(
            root,
            env,
            Path.of(env.get("PG_BINDIR")).resolve("psql").toString(),
            "-Atc",
            "SHOW wal_level");
    assertThat(walLevel.trim()).isEqualTo("logical");

    run(root, Map.of(), root.resolve("scripts/pg-down.sh").toString(), envFile.toString());
    // pg_ctl returns once the pid file is gone; the postmaster may take a moment more to exit.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
    assertThat(clusterDir).doesNotExist();
    assertThat(envFile).doesNotExist();
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String kv = line.replaceFirst("^export ", "");
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return env;
  }

  private static String run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", command[0], output).isZero();
    return output;
  }
}

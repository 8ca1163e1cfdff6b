package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands' outputs and exit codes, in process. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class CommandLineIT {

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SyncRunnerCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void invalidManifestAndMissingSecretsNameTheProblem(PostgresDatabase db) throws Exception {
    Path manifest =
        Manifests.manifest(dir, db, "bad-batch", "t", "  batching: {maxRecords: 500}\n");
    Result r =
        run(
            "run",
            "--config",
            manifest.toString(),
            "--secrets",
            Manifests.secrets(dir, db).toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(r.err()).contains("spec.batching.maxRecords: 500 is out of range");

    Path secrets = dir.resolve("other.yaml");
    Files.writeString(secrets, "apiVersion: v1\nkind: Secret\nmetadata: {name: unrelated}\n");
    r =
        run(
            "errors",
            "list",
            "--config",
            Manifests.manifest(dir, db, "ok", "t", "").toString(),
            "--secrets",
            secrets.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(r.err()).contains("Secret \"app-db\" does not exist in " + secrets);
  }

  /**
   * A Secret the destination needs that does not exist is the same class of error as one the
   * database needs: exit code 3 either way (it was 5 for the destination's), naming the Secrets
   * that do exist.
   */
  @Test
  void aMisspelledDestinationSecretExitsAsInvalidConfigNamingTheOnesThatExist(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE nosecret (ref text PRIMARY KEY, v text)");
    Path secrets = dir.resolve("db-only.yaml");
    Files.writeString(
        secrets,
        Files.readString(Manifests.secrets(dir, db))
            .replace("metadata: {name: sf-oauth}", "metadata: {name: sf-oauht}"));
    Result r =
        run(
            "run",
            "--config",
            Manifests.manifest(dir, db, "nosecret", "nosecret", "").toString(),
            "--secrets",
            secrets.toString(),
            "--status-port",
            "0");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(r.err())
        .contains(
            "Secret \"sf-oauth\" does not exist in " + secrets + " (it holds: app-db, sf-oauht)")
        .contains("spec.destination.salesforce.auth.secretRef.name");
  }

  @Test
  void preflightProblemsAreListedWithTheirFixWithoutStackTraces(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE nouniq (id int PRIMARY KEY, ref text, v text)");
    System.setProperty("sss.test.sink.table", "unused_sink");
    try {
      Result r =
          run(
              "run",
              "--config",
              Manifests.manifest(dir, db, "nouniq", "nouniq", "  deletes: Delete\n").toString(),
              "--secrets",
              Manifests.secrets(dir, db).toString(),
              "--status-port",
              "0");
      assertThat(r.code()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
      assertThat(r.err())
          .contains("the upsert key ref has no unique index")
          .contains("CREATE UNIQUE INDEX CONCURRENTLY nouniq_ref_key ON public.nouniq (ref)")
          .contains("does not include the upsert key ref")
          .contains("ALTER TABLE public.nouniq REPLICA IDENTITY FULL")
          .doesNotContain("at io.serversidesync");
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_nouniq'"))
          .isZero();
    } finally {
      System.clearProperty("sss.test.sink.table");
    }
  }

  @Test
  void secretsDirPointsAtMountedSecretsElsewhere(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE mounted (ref text PRIMARY KEY, v text)");
    Path manifest = Manifests.manifest(dir, db, "mounted", "mounted", "");
    Path mounted = Manifests.mountedSecrets(dir, db);

    Result ok =
        run("errors", "list", "--config", manifest.toString(), "--secrets-dir", mounted.toString());
    assertThat(ok.code()).as(ok.err()).isZero();

    Files.delete(mounted.resolve("app-db/password"));
    Result missing =
        run("cleanup", "--config", manifest.toString(), "--secrets-dir", mounted.toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(missing.err())
        .contains("Secret \"app-db\" has no key \"password\"")
        .contains(mounted.resolve("app-db/password").toString());
  }

  @Test
  void errorsListReplayAndCleanup(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE errs (ref text PRIMARY KEY, v text)",
        "CREATE SCHEMA IF NOT EXISTS serversidesync");
    Path manifest = Manifests.manifest(dir, db, "errs", "errs", "");
    Path secrets = Manifests.secrets(dir, db);
    Result empty =
        run("errors", "list", "--config", manifest.toString(), "--secrets", secrets.toString());
    assertThat(empty.code()).isZero();
    try (var c = db.connect()) {
      io.serversidesync.runner.errors.ErrorsTable.create(c);
      new io.serversidesync.runner.errors.ErrorsTable("errs")
          .record(
              c,
              java.util.List.of(
                  new io.serversidesync.runner.errors.ErrorEntry(
                      "k1",
                      0,
                      "STRING_TOO_LONG",
                      "V: data value too large",
                      java.util.List.of("V__c"),
                      "{\"v\": \"x\"}",
                      1)),
              java.time.Instant.now());
    }
    Result list =
        run("errors", "list", "--config", manifest.toString(), "--secrets", secrets.toString());
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("k1")
        .contains("STRING_TOO_LONG")
        .contains("V: data value too large");
    Result json =
        run(
            "errors",
            "list",
            "--json",
            "--config",
            manifest.toString(),
            "--secrets",
            secrets.toString());
    assertThat(json.out()).contains("\"upsertKey\":\"k1\"");
    Result replay =
        run("errors", "replay", "--config", manifest.toString(), "--secrets", secrets.toString());
    assertThat(replay.out()).contains("1 error row(s) queued for replay");
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM serversidesync.errors WHERE replay_requested_at IS NOT NULL"))
        .isEqualTo(1);

    db.execute(
        "CREATE PUBLICATION sss_errs FOR TABLE errs",
        "SELECT pg_create_logical_replication_slot('sss_errs', 'pgoutput')");
    Result cleanup =
        run("cleanup", "--config", manifest.toString(), "--secrets", secrets.toString());
    assertThat(cleanup.code()).isZero();
    assertThat(cleanup.out()).contains("dropped replication slot sss_errs");
    assertThat(
            db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_errs'"))
        .isZero();
    assertThat(db.queryLong("SELECT count(*) FROM pg_publication WHERE pubname = 'sss_errs'"))
        .isZero();
  }
}

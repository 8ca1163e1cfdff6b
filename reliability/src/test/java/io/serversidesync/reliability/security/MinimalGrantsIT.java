package io.serversidesync.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.harness.RepoFiles;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.reliability.testing.ContactsSync;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sync runs as a role with exactly the grants docs/security.md lists (its SQL block is read and
 * run here), and each of those grants is needed: without it the runner refuses to start and names
 * the statement that restores it.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class MinimalGrantsIT {

  private static final String CLIENT_SECRET = "grants-" + UUID.randomUUID();
  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void startSandbox() throws IOException {
    sandbox =
        Sandbox.start(
            SandboxConfig.builder().clientCredentials("grants-client", CLIENT_SECRET).build());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  /** The statements of docs/security.md's first SQL block, for another role, table and sync. */
  static List<String> documentedGrants(String role, String password, String table, String sync)
      throws IOException {
    String doc = Files.readString(RepoFiles.root().resolve("docs/security.md"));
    Matcher block = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("docs/security.md has a SQL block").isTrue();
    String sql =
        block
            .group(1)
            .replace("sss_replicator", role)
            .replace("'change-me'", "'" + password + "'")
            .replace("public.contacts", "public." + table)
            .replace("sss_contacts_to_salesforce", "sss_" + sync.replace('-', '_'));
    List<String> statements = new ArrayList<>();
    for (String statement : sql.split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    assertThat(statements).hasSize(5);
    return statements;
  }

  private Path secrets(String role, String password) {
    return new SecretsFile()
        .put(SyncManifest.DB_SECRET, "username", role)
        .put(SyncManifest.DB_SECRET, "password", password)
        .put(SyncManifest.OAUTH_SECRET, "clientId", "grants-client")
        .put(SyncManifest.OAUTH_SECRET, "clientSecret", CLIENT_SECRET)
        .write(dir.resolve("secrets.yaml"));
  }

  @Test
  void theSyncRunsAsARoleWithExactlyTheDocumentedGrants(PostgresCluster cluster) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    PostgresDatabase db = cluster.createDatabase("grants_" + suffix);
    try {
      runsWithDocumentedGrants(db, "sss_min_" + suffix);
    } finally {
      cluster.dropDatabase(db.name());
      cluster.execute("postgres", "DROP ROLE IF EXISTS sss_min_" + suffix);
    }
  }

  private void runsWithDocumentedGrants(PostgresDatabase db, String role) throws Exception {
    String password = UUID.randomUUID().toString();
    String table = "contacts_min";
    String sync = "grants-min";
    db.execute(ContactsSync.ddl(table), ContactsSync.insert(table, "m", 1, 50));
    db.execute(documentedGrants(role, password, table, sync).toArray(String[]::new));

    // the role has nothing else
    Map<String, Object> attributes =
        db.query(
                "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication,"
                    + " (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid) AS roles,"
                    + " has_database_privilege(rolname, current_database(), 'CREATE') AS db_create,"
                    + " has_schema_privilege(rolname, 'public', 'CREATE') AS public_create"
                    + " FROM pg_roles r WHERE rolname = '"
                    + role
                    + "'")
            .get(0);
    assertThat(attributes)
        .containsEntry("rolsuper", false)
        .containsEntry("rolcreatedb", false)
        .containsEntry("rolcreaterole", false)
        .containsEntry("rolbypassrls", false)
        .containsEntry("rolreplication", true)
        .containsEntry("roles", 0L)
        .containsEntry("db_create", false)
        .containsEntry("public_create", false);
    for (String privilege :
        List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")) {
      assertThat(
              db.query(
                      "SELECT has_table_privilege('"
                          + role
                          + "', 'public."
                          + table
                          + "', '"
                          + privilege
                          + "') AS granted")
                  .get(0)
                  .get("granted"))
          .as(privilege)
          .isEqualTo(privilege.equals("SELECT"));
    }

    Path config =
        ContactsSync.manifest(sync, db, table, sandbox.baseUrl()).write(dir.resolve("sync.yaml"));
    Path secrets = secrets(role, password);
    try (RunnerProcess runner =
        RunnerProcess.start(
            RunnerCommand.run(config, secrets, dir.resolve("runner.log"))
                .withStopGrace(Duration.ZERO))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> runner.probe().ready() || !runner.isAlive());
      assertThat(runner.isAlive()).as(runner.output()).isTrue();
      db.execute(
          ContactsSync.insert(table, "m", 51, 80),
          "UPDATE public."
              + table
              + " SET email = 'changed@example.com' WHERE customer_ref <= 'm3'",
          "DELETE FROM public." + table + " WHERE customer_ref IN ('m5', 'm6', 'm7')",
          "INSERT INTO public."
              + table
              + " VALUES ('m-too-long', 'A', repeat('x', 100), 'a@example.com', '1')");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Map<String, String> expected = ContactsSync.rows(db, table);
                expected.remove("m-too-long");
                assertThat(ContactsSync.records(sandbox, "m")).isEqualTo(expected);
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  db.queryLong(
                          "SELECT count(*) FROM serversidesync.errors WHERE sync = '"
                              + sync
                              + "' AND upsert_key = 'm-too-long' AND code = 'STRING_TOO_LONG'"
                              + " AND resolved_at IS NULL")
                      == 1);
      assertThat(runner.terminate(Duration.ofSeconds(60))).as(runner.output()).isZero();
    }

    RunnerProcess.Result errors =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of(
                    "errors",
                    "list",
                    "--config",
                    config.toString(),
                    "--secrets",
                    secrets.toString()),
                dir.resolve("errors.log")),
            Duration.ofSeconds(60));
    assertThat(errors.exitCode()).as(errors.output()).isZero();
    assertThat(errors.output()).contains("m-too-long").contains("STRING_TOO_LONG");

    RunnerProcess.Result cleanup =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of("cleanup", "--config", config.toString(), "--secrets", secrets.toString()),
                dir.resolve("cleanup.log")),
            Duration.ofSeconds(60));
    assertThat(cleanup.exitCode()).as(cleanup.output()).isZero();
    assertThat(cleanup.output())
        .contains("dropped replication slot sss_grants_min")
        .contains("left publication sss_grants_min, which belongs to " + db.user());
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_grants_min'"))
        .isZero();
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "REPLICATION | lacks the REPLICATION attribute: run ALTER ROLE {role} WITH REPLICATION",
        "SELECT | cannot read public.{table}: GRANT SELECT ON public.{table} TO {role}",
        "the runner schema | GRANT USAGE, CREATE ON SCHEMA serversidesync TO {role}",
        "the publication | may not create publication sss_{sync} (that takes CREATE on the"
            + " database and ownership of public.{table}): as the owner of public.{table} run"
            + " CREATE PUBLICATION"
      })
  void eachGrantIsNeededAndItsAbsenceNamesTheFix(
      String withheld, String expected, PostgresCluster cluster) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    PostgresDatabase db = cluster.createDatabase("grants_" + suffix);
    try {
      refusesWithout(withheld, expected, db, "sss_less_" + suffix, suffix);
    } finally {
      cluster.dropDatabase(db.name());
      cluster.execute("postgres", "DROP ROLE IF EXISTS sss_less_" + suffix);
    }
  }

  private void refusesWithout(
      String withheld, String expected, PostgresDatabase db, String role, String suffix)
      throws Exception {
    String password = UUID.randomUUID().toString();
    String table = "contacts_" + suffix;
    String sync = "less-" + suffix;
    db.execute(ContactsSync.ddl(table), ContactsSync.insert(table, "l", 1, 5));
    List<String> statements = new ArrayList<>(documentedGrants(role, password, table, sync));
    switch (withheld) {
      case "REPLICATION" -> statements.set(0, statements.get(0).replace(" REPLICATION", ""));
      case "SELECT" -> statements.remove(1);
      case "the runner schema" -> statements.remove(3);
      case "the publication" -> statements.remove(4);
      default -> throw new IllegalArgumentException(withheld);
    }
    db.execute(statements.toArray(String[]::new));

    Path config =
        ContactsSync.manifest(sync, db, table, sandbox.baseUrl()).write(dir.resolve("sync.yaml"));
    RunnerProcess.Result run =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of(
                    "run",
                    "--config",
                    config.toString(),
                    "--secrets",
                    secrets(role, password).toString(),
                    "--status-port",
                    "0"),
                dir.resolve("run.log")),
            Duration.ofSeconds(90));
    assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
    assertThat(run.output())
        .contains(
            expected
                .replace("{role}", role)
                .replace("{table}", table)
                .replace("{sync}", sync.replace('-', '_')));
  }
}

package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sync-runner plan} end to end: the printed estimate, and each way it cannot be made. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PlanCommandIT {

  private static Sandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

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

  private Result plan(
      PostgresDatabase db, String table, String loginUrl, String secret, String... more)
      throws IOException {
    Path config = dir.resolve("sync.yaml");
    Files.writeString(
        config,
        """
        apiVersion: serversidesync.io/v1alpha1
        kind: ServerSideSync
        metadata: {name: %s}
        spec:
          source:
            postgres:
              host: %s
              port: %d
              database: %s
              credentialsSecretRef: {name: app-db}
              sslMode: disable
            table: public.%s
            upsertKey: ref
          destination:
            salesforce:
              loginUrl: %s
              apiVersion: "64.0"
              auth: {flow: ClientCredentials, secretRef: {name: sf-oauth}}
            object: Contact
            externalIdField: Customer_Ref__c
          mapping:
            - {column: ref, field: Customer_Ref__c}
            - {column: last_name, field: LastName}
          batching: {maxDelay: 2s}
          rateLimit: {dailyQuotaShare: "5%%"}
        """
            .formatted(table.replace('_', '-'), db.host(), db.port(), db.name(), table, loginUrl));
    Path secrets = dir.resolve("secrets.yaml");
    Files.writeString(
        secrets,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: app-db}
        stringData: {username: %s, password: %s}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: sf-oauth}
        stringData: {clientId: %s, clientSecret: %s}
        """
            .formatted(db.user(), db.password(), SandboxConfig.DEFAULT_CLIENT_ID, secret));
    String[] args = new String[4 + more.length + 1];
    args[0] = "plan";
    args[1] = "--config";
    args[2] = config.toString();
    args[3] = "--secrets";
    args[4] = secrets.toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return run(args);
  }

  private static void table(PostgresDatabase db, String name, boolean analysed) {
    TwoWayFixture.createTable(db, name);
    db.execute(
        "INSERT INTO "
            + name
            + " (ref, last_name) SELECT 'c' || i, 'N' FROM generate_series(1,"
            + " 10000) i");
    if (analysed) {
      db.execute("ANALYZE " + name);
    }
  }

  @Test
  void printsTheEstimateWithTheSampledRateAndTheOrgsAllocation(PostgresDatabase db)
      throws Exception {
    table(db, "contacts_a", true);
    Result r =
        plan(
            db,
            "contacts_a",
            sandbox.baseUrl(),
            SandboxConfig.DEFAULT_CLIENT_SECRET,
            "--sample",
            "1s");
    System.out.println(r.out());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("10,000 rows (pg_class.reltuples)")
        .contains("sampled from pg_stat_user_tables")
        .contains("initial load    10,000 rows in 5 flush(es) → collections, 50 API calls")
        .contains("DailyApiRequests 10,000,000/day")
        .contains("dailyQuotaShare 5% = 500,000 calls/day: not throttled");

    Result busy =
        plan(
            db,
            "contacts_a",
            sandbox.baseUrl(),
            SandboxConfig.DEFAULT_CLIENT_SECRET,
            "--rate",
            "50");
    System.out.println(busy.out());
    assertThat(busy.out()).contains("4,320,000 changes/day");
  }

  @Test
  void aTableNeverAnalysedIsRefusedWithWhatToRun(PostgresDatabase db) throws Exception {
    table(db, "fresh", false);
    Result r =
        plan(db, "fresh", sandbox.baseUrl(), SandboxConfig.DEFAULT_CLIENT_SECRET, "--rate", "5");
    assertThat(r.code()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
    assertThat(r.err())
        .contains("public.fresh has no statistics yet")
        .contains("Run ANALYZE public.fresh");
  }

  @Test
  void anUnreachableDestinationOrRefusedCredentialsSayWhatToCheck(PostgresDatabase db)
      throws Exception {
    table(db, "contacts_b", true);
    Result unreachable =
        plan(
            db,
            "contacts_b",
            "http://127.0.0.1:1",
            SandboxConfig.DEFAULT_CLIENT_SECRET,
            "--rate",
            "5");
    assertThat(unreachable.code()).isNotEqualTo(ExitCodes.OK);
    assertThat(unreachable.err())
        .contains("cannot read the destination's API allocation")
        .contains("check that the destination is reachable, or plan with --no-limits");

    Result refused = plan(db, "contacts_b", sandbox.baseUrl(), "revoked-secret", "--rate", "5");
    assertThat(refused.code()).isEqualTo(ExitCodes.DESTINATION_REJECTED);
    assertThat(refused.err()).contains("sf-oauth");

    Result offline =
        plan(
            db,
            "contacts_b",
            "http://127.0.0.1:1",
            SandboxConfig.DEFAULT_CLIENT_SECRET,
            "--rate",
            "5",
            "--no-limits");
    assertThat(offline.code()).as(offline.err()).isEqualTo(ExitCodes.OK);
    assertThat(offline.out()).contains("allocation      not read (--no-limits)");
  }
}

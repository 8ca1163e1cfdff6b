package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.harness.salesforce.SalesforceRestException;
import io.serversidesync.harness.verify.Verification;
import io.serversidesync.harness.verify.Verifier;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.harness.workload.ContactsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make demo}: a disposable Postgres, the Salesforce-compatible sandbox and one runner in
 * local mode with the files from examples/; an application-like writer upserts contacts; the demo
 * shows progress while the runner drains, verifies that every key in Postgres equals its record in
 * the sandbox, prints a summary and cleans up. Exit code 0 only when verification passed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs one ServerSideSync end to end on embedded defaults.")
public final class DemoMain implements Callable<Integer> {

  private static final Pattern SANDBOX_URL = Pattern.compile("sandbox listening on (http://\\S+)");

  @Option(names = "--changes", defaultValue = "100000", description = "Upserts the writer makes.")
  int changes;

  @Option(names = "--keys", defaultValue = "10000", description = "Distinct customer_ref values.")
  int keys;

  @Option(names = "--writers", defaultValue = "4", description = "Concurrent writer connections.")
  int writers;

  @Option(
      names = "--drain-timeout",
      defaultValue = "150",
      description = "Seconds to wait for the runner to drain.")
  int drainTimeoutSeconds;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path root = repoRoot();
    Path work = root.resolve(".demo");
    Files.createDirectories(work);
    ServerSideSync example =
        new ManifestReader().read(root.resolve("examples/contacts-salesforce.yaml"));
    String clientId = "demo-" + hex(4);
    String clientSecret = hex(16);

    step("starting a disposable PostgreSQL (scripts/pg-up.sh)");
    try (PostgresCluster cluster = PostgresCluster.start()) {
      PostgresDatabase db = cluster.createDatabase("demo_" + hex(3));
      ContactsTable.create(db);

      step("starting the Salesforce-compatible sandbox");
      try (ChildProcess sandbox =
          ChildProcess.start(
              "sandbox",
              List.of(
                  java(),
                  "-Xmx512m",
                  "-jar",
                  root.resolve("sandbox/target/sandbox.jar").toString(),
                  "--port",
                  "0",
                  "--client-id",
                  clientId,
                  "--client-secret",
                  clientSecret),
              work.resolve("logs"))) {
        String sandboxUrl = sandbox.awaitLine(SANDBOX_URL, Duration.ofSeconds(60));
        out.println("  sandbox at " + sandboxUrl);

        Path config = work.resolve("sync.yaml");
        Path secrets = work.resolve("secrets.yaml");
        writeConfig(root, db, sandboxUrl, config);
        writeSecrets(db, clientId, clientSecret, secrets);
        int statusPort = freePort();

        step(
            "starting the runner: sync-runner run --config .demo/sync.yaml --secrets .demo/secrets.yaml");
        TwoWayAct.RunnerLauncher launcher = (file, port) -> startRunner(work, file, secrets, port);
        boolean firstAct;
        SalesforceRest salesforce =
            SalesforceRest.clientCredentials(
                sandboxUrl,
                example.getSpec().getDestination().getSalesforce().getApiVersion(),
                clientId,
                clientSecret);
        try (RunnerProcess runner = launcher.start(config, statusPort)) {
          StatusProbe status = runner.probe();
          awaitReady(runner, status);

          step(
              String.format(
                  "writing %,d upserts over %,d keys from %d application connections",
                  changes, keys, writers));
          ContactsLoad writer = new ContactsLoad(db, keys, writers);
          Instant writeStart = Instant.now();
          writer.burst(changes);
          Duration writeTime = Duration.between(writeStart, Instant.now());
          out.printf("  written in %.1f s%n", writeTime.toMillis() / 1000.0);
          long targetLsn =
              lsn(
                  db.query("SELECT pg_current_wal_insert_lsn()::text AS lsn")
                      .get(0)
                      .get("lsn")
                      .toString());

          step("draining: the runner coalesces per key and upserts in batches");
          RunnerStatus last = drain(runner, status, targetLsn);

          step("verifying every key: Postgres row == Salesforce record");
          List<FieldMapping> mapping = example.getSpec().getMapping();
          List<String> fields = mapping.stream().map(FieldMapping::getField).toList();
          Map<String, JsonNode> records =
              salesforce.recordsByExternalId(
                  "Contact", example.getSpec().getDestination().getExternalIdField(), fields);
          Verification result =
              verify(
                  db,
                  example.getMetadata().getName(),
                  example.getSpec().getSource().getTable(),
                  mapping,
                  example.getSpec().getSource().getUpsertKey(),
                  records);

          long distinctKeys = db.queryLong("SELECT count(*) FROM public.contacts");
          printSummary(last.counters(), distinctKeys, result);

          step("stopping the runner (SIGTERM: it flushes, confirms and exits 0)");
          int exit = runner.terminate(Duration.ofSeconds(60));
          out.println("  runner exited with " + exit);
          firstAct = result.passed() && exit == 0;
        }
        boolean secondAct = new TwoWayAct(out, db, salesforce, launcher).run(config, statusPort);
        cleanup(root, config.resolveSibling("sync-two-way.yaml"), secrets);
        return firstAct && secondAct ? 0 : 1;
      }
    } catch (DemoFailure | SalesforceRestException e) {
      out.println();
      out.println("DEMO FAILED: " + e.getMessage());
      return 1;
    }
  }

  private static RunnerProcess startRunner(Path work, Path config, Path secrets, int statusPort) {
    String name = config.getFileName().toString().equals("sync.yaml") ? "runner" : "runner-two-way";
    return RunnerProcess.start(
        RunnerCommand.of(
                List.of(
                    "run",
                    "--config",
                    config.toString(),
                    "--secrets",
                    secrets.toString(),
                    "--status-port",
                    Integer.toString(statusPort)),
                work.resolve("logs").resolve(name + ".log"))
            .withJvmOptions(List.of("-Xmx256m")));
  }

  private void awaitReady(RunnerProcess runner, StatusProbe status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!status.ready()) {
      if (!runner.isAlive()) {
        throw new DemoFailure("the runner exited during start-up; see " + runner.log());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure("the runner was not ready within 60 s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private RunnerStatus drain(RunnerProcess runner, StatusProbe status, long targetLsn)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(drainTimeoutSeconds);
    RunnerStatus last = null;
    Instant lastPrint = Instant.EPOCH;
    while (true) {
      if (!runner.isAlive()) {
        throw new DemoFailure("the runner exited while draining; see " + runner.log());
      }
      try {
        last = status.currentStatus();
      } catch (IOException e) {
        throw new DemoFailure("cannot read the runner's /status: " + e.getMessage());
      }
      boolean drained = last.confirmedLsn() != null && lsn(last.confirmedLsn()) >= targetLsn;
      if (drained || Instant.now().isAfter(lastPrint.plusSeconds(2))) {
        Counters c = last.counters();
        out.printf(
            "  %-12s captured %,9d  written %,7d records  %,5d API calls  lag %.1f s%n",
            last.phase(),
            c.getChangesCaptured(),
            c.getRecordsWritten(),
            c.getApiCalls(),
            last.lag() == null ? 0.0 : last.lag().getSeconds());
        lastPrint = Instant.now();
      }
      if (drained) {
        return last;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(
            "the runner did not drain within " + drainTimeoutSeconds + " s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  /** Every row of the source table against the destination record of its key. */
  private static Verification verify(
      PostgresDatabase db,
      String sync,
      String table,
      List<FieldMapping> mapping,
      String upsertKey,
      Map<String, JsonNode> records)
      throws SQLException {
    List<String> columns = mapping.stream().map(FieldMapping::getColumn).toList();
    Map<String, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row :
        db.query("SELECT " + String.join(", ", columns) + " FROM " + table)) {
      rows.put(String.valueOf(row.get(upsertKey)), row);
    }
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    records.forEach(
        (key, record) -> {
          Map<String, Object> fields = new HashMap<>();
          record.properties().forEach(f -> fields.put(f.getKey(), f.getValue()));
          byKey.put(key, fields);
        });
    Map<String, String> fields = new LinkedHashMap<>();
    mapping.forEach(m -> fields.put(m.getColumn(), m.getField()));
    try (Connection c = db.connect()) {
      return new Verifier(fields).verify(rows.keySet(), rows, byKey, c, sync);
    }
  }

  private void printSummary(Counters c, long distinctKeys, Verification result) {
    long oneCallPerChange = c.getChangesCaptured();
    double reduction =
        oneCallPerChange == 0 ? 0 : 100.0 * (oneCallPerChange - c.getApiCalls()) / oneCallPerChange;
    out.println();
    out.println(
        "Summary: public.contacts -> Salesforce Contact (sandbox), upsert by Customer_Ref__c");
    out.printf("  changes captured from the WAL        %,10d%n", c.getChangesCaptured());
    out.printf("  distinct keys                        %,10d%n", distinctKeys);
    out.printf("  records written to Salesforce        %,10d%n", c.getRecordsWritten());
    out.printf("  API calls used                       %,10d%n", c.getApiCalls());
    out.printf("  API calls at one call per change     %,10d%n", oneCallPerChange);
    out.printf("  reduction                            %9.2f%%%n", reduction);
    out.printf("  record errors                        %,10d%n", c.getRecordErrors());
    if (result.passed()) {
      out.printf(
          "  verification: PASSED, all %,d keys in Postgres equal their Salesforce record%n",
          result.keys());
    } else {
      out.printf(
          "  verification: FAILED, %,d of %,d keys match; %,d missing, %,d different,"
              + " %,d unresolved errors%n",
          result.matched(),
          result.keys(),
          result.lost(),
          result.mismatched(),
          result.unresolvedErrors());
      result.examples().forEach(e -> out.println("    " + e));
    }
    out.println();
  }

  private void writeConfig(Path root, PostgresDatabase db, String sandboxUrl, Path target)
      throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode manifest =
        (ObjectNode) yaml.readTree(root.resolve("examples/contacts-salesforce.yaml").toFile());
    ObjectNode postgres = (ObjectNode) manifest.at("/spec/source/postgres");
    postgres
        .put("host", db.host())
        .put("port", db.port())
        .put("database", db.name())
        .put("sslMode", "disable");
    postgres.remove("sslRootCertSecretRef");
    ((ObjectNode) manifest.at("/spec/destination/salesforce")).put("loginUrl", sandboxUrl);
    Files.writeString(
        target,
        "# Rendered by make demo from examples/contacts-salesforce.yaml: local Postgres and sandbox.\n"
            + yaml.writeValueAsString(manifest));
  }

  private static void writeSecrets(
      PostgresDatabase db, String clientId, String clientSecret, Path target) throws IOException {
    String text =
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: app-db}
        stringData: {username: "%s", password: "%s"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: sf-oauth}
        stringData: {clientId: "%s", clientSecret: "%s"}
        """
            .formatted(db.user(), db.password(), clientId, clientSecret);
    Files.writeString(target, text);
    target.toFile().setReadable(false, false);
    target.toFile().setReadable(true, true);
  }

  private void cleanup(Path root, Path config, Path secrets)
      throws IOException, InterruptedException {
    step("cleaning up: sync-runner cleanup (drops slot and publication), sandbox, Postgres");
    RunnerProcess.Result cleanup =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of("cleanup", "--config", config.toString(), "--secrets", secrets.toString()),
                root.resolve(".demo/logs/cleanup.log")),
            Duration.ofSeconds(60));
    if (cleanup.exitCode() != 0) {
      out.println("  cleanup did not succeed; see .demo/logs/cleanup.log");
    }
    Files.deleteIfExists(secrets);
  }

  private void step(String message) {
    out.println("==> " + message);
  }

  private static long lsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/pg-up.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new DemoFailure("run the demo from the repository (make demo)");
    }
    return dir;
  }
}

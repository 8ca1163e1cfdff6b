package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.serversidesync.harness.workload.AccountsTable;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.harness.workload.ContactsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

  static final Pattern SANDBOX_URL = Pattern.compile("sandbox listening on (http://\\S+)");

  @Option(names = "--changes", defaultValue = "100000", description = "Upserts the writer makes.")
  int changes;

  @Option(names = "--keys", defaultValue = "10000", description = "Distinct customer_ref values.")
  int keys;

  @Option(
      names = "--capture",
      defaultValue = "logical",
      description = "logical (a replication slot) or triggers (spec.source.capture: Triggers).")
  String capture;

  @Option(
      names = "--destination",
      defaultValue = "salesforce",
      description = "salesforce (the sandbox's Salesforce API) or hubspot (its HubSpot API).")
  String destination;

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
    if (!capture.equals("logical") && !capture.equals("triggers")) {
      out.println("--capture is logical or triggers, not " + capture);
      return 2;
    }
    boolean triggers = capture.equals("triggers");
    if (destination.equals("hubspot")) {
      return new HubSpotDemo(out, new HubSpotDemo.Workload(changes, keys, writers, triggers))
          .run(Duration.ofSeconds(drainTimeoutSeconds));
    }
    if (!destination.equals("salesforce")) {
      out.println("--destination is salesforce or hubspot, not " + destination);
      return 2;
    }
    Path root = DemoSupport.repoRoot();
    Path work = root.resolve(".demo");
    Files.createDirectories(work);
    ServerSideSync example =
        new ManifestReader().read(root.resolve("examples/contacts-salesforce.yaml"));
    String clientId = "demo-" + DemoSupport.hex(4);
    String clientSecret = DemoSupport.hex(16);

    step("starting a disposable PostgreSQL (scripts/pg-up.sh)");
    try (PostgresCluster cluster = PostgresCluster.start()) {
      PostgresDatabase db = cluster.createDatabase("demo_" + DemoSupport.hex(3));
      AccountsTable.create(db);
      ContactsTable.create(db);

      step("starting the Salesforce-compatible sandbox");
      try (ChildProcess sandbox =
          ChildProcess.start(
              "sandbox",
              List.of(
                  DemoSupport.java(),
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
        Path accountsConfig = work.resolve("accounts.yaml");
        Path secrets = work.resolve("secrets.yaml");
        DemoFiles.writeConfig(
            root, "examples/contacts-salesforce.yaml", db, sandboxUrl, triggers, config);
        DemoFiles.writeConfig(root, AccountsPart.EXAMPLE, db, sandboxUrl, triggers, accountsConfig);
        DemoFiles.writeSecrets(db, clientId, clientSecret, secrets);
        int statusPort = DemoSupport.freePort();

        TwoWayAct.RunnerLauncher launcher = (file, port) -> startRunner(work, file, secrets, port);
        SalesforceRest salesforce =
            SalesforceRest.clientCredentials(
                sandboxUrl,
                example.getSpec().getDestination().getSalesforce().getApiVersion(),
                clientId,
                clientSecret);
        boolean firstAct = firstAct(db, example, salesforce, launcher, config, accountsConfig);
        plan(db, root, config, secrets);
        boolean secondAct =
            new TwoWayAct(out, db, TwoWaySide.salesforce(salesforce), launcher)
                .run(config, statusPort);
        cleanup(root, accountsConfig, secrets, false);
        cleanup(root, config.resolveSibling("sync-two-way.yaml"), secrets, true);
        return firstAct && secondAct ? 0 : 1;
      }
    } catch (DemoFailure | SalesforceRestException e) {
      out.println();
      out.println("DEMO FAILED: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Accounts first (their own resource and runner), then the contacts that name them by
   * account_ref, written while the contacts' runner streams; verifies every contact's fields and
   * its Account.
   */
  private boolean firstAct(
      PostgresDatabase db,
      ServerSideSync example,
      SalesforceRest salesforce,
      TwoWayAct.RunnerLauncher launcher,
      Path config,
      Path accountsConfig)
      throws Exception {
    step(
        "starting two runners, one per resource: sync-runner run --config .demo/accounts.yaml"
            + " and --config .demo/sync.yaml (contacts)");
    try (AccountsPart accounts =
            AccountsPart.start(out, launcher, accountsConfig, DemoSupport.freePort());
        RunnerProcess runner = launcher.start(config, DemoSupport.freePort())) {
      StatusProbe status = runner.probe();
      RunnerWatch.awaitReady(runner, status);

      step(String.format("writing %,d accounts (public.accounts)", AccountsPart.ACCOUNTS));
      RunnerStatus accountsDone = accounts.writeAndDeliver(db);

      step(
          String.format(
              "writing %,d contact upserts over %,d keys from %d application connections, each"
                  + " contact naming its account by account_ref",
              changes, keys, writers));
      ContactsLoad writer = new ContactsLoad(db, keys, writers, AccountsPart.ACCOUNTS);
      Instant writeStart = Instant.now();
      writer.burst(changes);
      Duration writeTime = Duration.between(writeStart, Instant.now());
      out.printf("  written in %.1f s%n", writeTime.toMillis() / 1000.0);
      long targetLsn = RunnerWatch.currentLsn(db);

      step("draining: the runner coalesces per key and upserts in batches");
      RunnerStatus last =
          RunnerWatch.drain(
              out, runner, status, targetLsn, Duration.ofSeconds(drainTimeoutSeconds));

      step("verifying every key: Postgres row == Salesforce record, and its Account");
      List<FieldMapping> mapping =
          example.getSpec().getMapping().stream().filter(m -> m.getReference() == null).toList();
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
      LookupCheck lookups = LookupCheck.run(db, salesforce);

      long distinctKeys = db.queryLong("SELECT count(*) FROM public.contacts");
      printSummary(last.counters(), accountsDone.counters(), distinctKeys, result, lookups);

      step("stopping the runners (SIGTERM: each flushes, confirms and exits 0)");
      int exit = runner.terminate(Duration.ofSeconds(60));
      int accountsExit = accounts.stop();
      out.println(
          "  runners exited with " + exit + " (contacts) and " + accountsExit + " (accounts)");
      return result.passed() && lookups.passed() && exit == 0 && accountsExit == 0;
    }
  }

  static RunnerProcess startRunner(Path work, Path config, Path secrets, int statusPort) {
    String file = config.getFileName().toString();
    String name =
        switch (file) {
          case "sync.yaml" -> "runner";
          case "accounts.yaml" -> "runner-accounts";
          case HubSpotDemo.CONFIG -> "runner-hubspot";
          default -> "runner-two-way";
        };
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

  private void printSummary(
      Counters c, Counters accounts, long distinctKeys, Verification result, LookupCheck lookups) {
    long oneCallPerChange = c.getChangesCaptured();
    double reduction =
        oneCallPerChange == 0 ? 0 : 100.0 * (oneCallPerChange - c.getApiCalls()) / oneCallPerChange;
    out.println();
    out.println(
        "Summary: public.contacts -> Salesforce Contact (sandbox), upsert by Customer_Ref__c");
    out.printf(
        "  changes captured from the %-11s%,10d%n",
        capture.equals("triggers") ? "triggers" : "WAL", c.getChangesCaptured());
    out.printf("  distinct keys                        %,10d%n", distinctKeys);
    out.printf("  records written to Salesforce        %,10d%n", c.getRecordsWritten());
    out.printf("  API calls used                       %,10d%n", c.getApiCalls());
    out.printf("  API calls at one call per change     %,10d%n", oneCallPerChange);
    out.printf("  reduction                            %9.2f%%%n", reduction);
    out.printf("  record errors                        %,10d%n", c.getRecordErrors());
    out.printf(
        "  accounts (their own resource)        %,10d records in %,d API calls%n",
        accounts.getRecordsWritten(), accounts.getApiCalls());
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
    if (lookups.passed()) {
      out.printf(
          "  accounts: PASSED, all %,d contacts point to the Account their account_ref names%n",
          lookups.contacts());
    } else {
      out.printf(
          "  accounts: FAILED, %,d of %,d contacts point to the right Account%n",
          lookups.matched(), lookups.contacts());
      lookups.examples().forEach(e -> out.println("    " + e));
    }
    out.println();
  }

  /**
   * What the same sync would cost if it were turned on now for this table: the plan the user reads
   * before enabling a sync (docs/operations.md).
   */
  private void plan(PostgresDatabase db, Path root, Path config, Path secrets) {
    step(
        "before turning a sync on: what would it cost? ANALYZE public.contacts (plan reads the"
            + " table's statistics), then sync-runner plan --config .demo/sync.yaml --rate 50");
    db.execute("ANALYZE public.contacts");
    RunnerProcess.Result plan =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of(
                    "plan",
                    "--config",
                    config.toString(),
                    "--secrets",
                    secrets.toString(),
                    "--rate",
                    "50"),
                root.resolve(".demo/logs/plan.log")),
            Duration.ofSeconds(60));
    plan.output()
        .lines()
        .filter(line -> !line.startsWith("ts="))
        .forEach(line -> out.println("  " + line));
    if (plan.exitCode() != 0) {
      out.println("  plan did not succeed (exit " + plan.exitCode() + "); see .demo/logs/plan.log");
    }
  }

  private void cleanup(Path root, Path config, Path secrets, boolean last)
      throws IOException, InterruptedException {
    if (last) {
      step(
          "cleaning up: sync-runner cleanup (drops "
              + (capture.equals("triggers")
                  ? "the triggers and the change table"
                  : "slot and publication")
              + "), sandbox, Postgres");
    }
    RunnerProcess.Result cleanup =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of("cleanup", "--config", config.toString(), "--secrets", secrets.toString()),
                root.resolve(".demo/logs/cleanup-" + config.getFileName() + ".log")),
            Duration.ofSeconds(60));
    if (cleanup.exitCode() != 0) {
      out.println(
          "  cleanup did not succeed; see .demo/logs/cleanup-" + config.getFileName() + ".log");
    }
    if (last) {
      Files.deleteIfExists(secrets);
    }
  }

  private void step(String message) {
    out.println("==> " + message);
  }
}

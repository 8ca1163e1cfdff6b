package io.serversidesync.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.harness.hubspot.HubSpotCalls;
import io.serversidesync.harness.hubspot.HubSpotRecords;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.harness.verify.Verification;
import io.serversidesync.harness.verify.Verifier;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.harness.workload.ContactsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make demo DEST=hubspot}: the demo's first act with HubSpot as the destination. The same
 * application writes the same changes to public.contacts; one runner upserts them into HubSpot
 * {@code contacts} by the unique property {@code customer_ref} (batches of at most 100 inputs); the
 * demo verifies every key against the sandbox's records and counts the HubSpot calls the sandbox
 * received. Salesforce's accounts lookups, Bulk API and the plan step have no HubSpot counterpart
 * here.
 */
final class HubSpotDemo {

  static final String EXAMPLE = "examples/contacts-hubspot.yaml";

  /** The rendered manifest's file name under .demo/. */
  static final String CONFIG = "hubspot.yaml";

  /** The example's metadata.name, which the sync's slot, state rows and errors carry. */
  static final String SYNC = "contacts-to-hubspot";

  static final String OBJECT = "contacts";
  static final String UNIQUE_PROPERTY = "customer_ref";

  /** HubSpot's limit of inputs per batch call (the example's maxRecords). */
  static final int MAX_INPUTS = 100;

  /** The contacts table's columns → HubSpot contact properties, key first. */
  static final Map<String, String> MAPPING = mapping();

  /**
   * What the application writes.
   *
   * @param changes upserts in total
   * @param keys distinct customer_ref values
   * @param writers concurrent connections
   * @param triggers capture with triggers instead of a slot
   */
  record Workload(int changes, int keys, int writers, boolean triggers) {}

  private final PrintStream out;
  private final Workload workload;

  HubSpotDemo(PrintStream out, Workload workload) {
    this.out = out;
    this.workload = workload;
  }

  /** Runs the act; 0 when every key was verified and the runner exited with 0. */
  int run(Duration drainTimeout) throws Exception {
    Path root = DemoSupport.repoRoot();
    Path work = Files.createDirectories(root.resolve(".demo"));
    String token = "pat-na1-demo-" + DemoSupport.hex(8);
    step("starting a disposable PostgreSQL (scripts/pg-up.sh)");
    try (PostgresCluster cluster = PostgresCluster.start()) {
      PostgresDatabase db = cluster.createDatabase("demo_" + DemoSupport.hex(3));
      ContactsTable.create(db);
      step("starting the sandbox (HubSpot's CRM v3 API next to Salesforce's)");
      try (ChildProcess sandbox = startSandbox(root, work, token)) {
        String sandboxUrl = sandbox.awaitLine(DemoMain.SANDBOX_URL, Duration.ofSeconds(60));
        out.println("  sandbox at " + sandboxUrl);
        Path config = writeConfig(root, db, sandboxUrl, work.resolve(CONFIG));
        // the Secrets examples/contacts-hubspot-secrets.yaml defines
        Path secrets =
            new SecretsFile()
                .put("app-db", "username", db.user())
                .put("app-db", "password", db.password())
                .put("hubspot-private-app", "accessToken", token)
                .write(work.resolve("hubspot-secrets.yaml"));
        try {
          boolean firstAct = act(db, sandboxUrl, work, config, secrets, drainTimeout);
          TwoWayAct.RunnerLauncher launcher =
              (file, port) -> DemoMain.startRunner(work, file, secrets, port);
          boolean secondAct =
              new TwoWayAct(out, db, TwoWaySide.hubSpot(new HubSpotRecords(sandboxUrl)), launcher)
                  .run(config, DemoSupport.freePort());
          return firstAct && secondAct ? 0 : 1;
        } finally {
          cleanup(root, config, secrets);
        }
      }
    } catch (DemoFailure e) {
      out.println();
      out.println("DEMO FAILED: " + e.getMessage());
      return 1;
    }
  }

  private boolean act(
      PostgresDatabase db,
      String sandboxUrl,
      Path work,
      Path config,
      Path secrets,
      Duration drainTimeout)
      throws Exception {
    step(
        "starting the runner: sync-runner run --config .demo/"
            + CONFIG
            + " (rendered from "
            + EXAMPLE
            + "; account_ref mapped too)");
    try (RunnerProcess runner =
        DemoMain.startRunner(work, config, secrets, DemoSupport.freePort())) {
      StatusProbe status = runner.probe();
      RunnerWatch.awaitReady(runner, status);
      step(
          String.format(
              "writing %,d contact upserts over %,d keys from %d application connections",
              workload.changes(), workload.keys(), workload.writers()));
      Instant writeStart = Instant.now();
      new ContactsLoad(db, workload.keys(), workload.writers(), AccountsPart.ACCOUNTS)
          .burst(workload.changes());
      out.printf(
          "  written in %.1f s%n", Duration.between(writeStart, Instant.now()).toMillis() / 1000.0);
      long targetLsn = RunnerWatch.currentLsn(db);

      step("draining: the runner coalesces per key and upserts in batches of up to 100");
      RunnerStatus last = RunnerWatch.drain(out, runner, status, targetLsn, drainTimeout);

      step("verifying every key: Postgres row == HubSpot record (the sandbox's records)");
      HubSpotRecords hubspot = new HubSpotRecords(sandboxUrl);
      Verification result = verify(db, hubspot, SYNC);
      long distinctKeys = db.queryLong("SELECT count(*) FROM public.contacts");
      printSummary(last.counters(), distinctKeys, hubspot.calls(), result);

      step("stopping the runner (SIGTERM: it flushes, confirms and exits 0)");
      int exit = runner.terminate(Duration.ofSeconds(60));
      out.println("  runner exited with " + exit);
      return result.passed() && exit == 0;
    }
  }

  /**
   * examples/contacts-hubspot.yaml pointed at the local Postgres and the sandbox, with the
   * contract's demo mapping (account_ref is a plain property: HubSpot has no lookup by a parent's
   * identifier).
   */
  private Path writeConfig(Path root, PostgresDatabase db, String sandboxUrl, Path target)
      throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode manifest = (ObjectNode) yaml.readTree(root.resolve(EXAMPLE).toFile());
    ObjectNode postgres = (ObjectNode) manifest.at("/spec/source/postgres");
    postgres
        .put("host", db.host())
        .put("port", db.port())
        .put("database", db.name())
        .put("sslMode", "disable");
    postgres.remove("sslRootCertSecretRef");
    ((ObjectNode) manifest.at("/spec/destination/hubspot")).put("baseUrl", sandboxUrl);
    if (workload.triggers()) {
      ((ObjectNode) manifest.at("/spec/source")).put("capture", "Triggers");
    }
    ArrayNode mapping = ((ObjectNode) manifest.get("spec")).putArray("mapping");
    MAPPING.forEach(
        (column, field) -> mapping.addObject().put("column", column).put("field", field));
    Files.writeString(
        target,
        "# Rendered by make demo DEST=hubspot from "
            + EXAMPLE
            + ": local Postgres and sandbox.\n"
            + yaml.writeValueAsString(manifest));
    return target;
  }

  private static Verification verify(PostgresDatabase db, HubSpotRecords hubspot, String sync)
      throws Exception {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row :
        db.query("SELECT " + String.join(", ", MAPPING.keySet()) + " FROM public.contacts")) {
      rows.put(String.valueOf(row.get("customer_ref")), row);
    }
    try (Connection c = db.connect()) {
      return new Verifier(MAPPING)
          .verify(rows.keySet(), rows, hubspot.byProperty(OBJECT, UNIQUE_PROPERTY), c, sync);
    }
  }

  private void printSummary(
      Counters c, long distinctKeys, HubSpotCalls calls, Verification result) {
    long oneCallPerChange = c.getChangesCaptured();
    long upserts = calls.calls(HubSpotCalls.UPSERT);
    long minimum = (distinctKeys + MAX_INPUTS - 1) / MAX_INPUTS;
    double reduction =
        oneCallPerChange == 0 ? 0 : 100.0 * (oneCallPerChange - calls.total()) / oneCallPerChange;
    out.println();
    out.println("Summary: public.contacts -> HubSpot contacts (sandbox), upsert by customer_ref");
    out.printf(
        "  changes captured from the %-11s%,10d%n",
        workload.triggers() ? "triggers" : "WAL", c.getChangesCaptured());
    out.printf("  distinct keys                        %,10d%n", distinctKeys);
    out.printf("  records written to HubSpot           %,10d%n", c.getRecordsWritten());
    out.printf("  API calls used (sandbox hubspot.*)   %,10d%n", calls.total());
    out.printf(
        "    batch upserts                      %,10d  (%.1f records per call, at most %d;"
            + " minimum ⌈keys/%d⌉ = %,d)%n",
        upserts,
        upserts == 0 ? 0.0 : (double) c.getRecordsWritten() / upserts,
        MAX_INPUTS,
        MAX_INPUTS,
        minimum);
    out.printf("    properties and account-info        %,10d%n", calls.preflight());
    long other = calls.total() - upserts - calls.preflight();
    if (other != 0) {
      out.printf("    other                              %,10d  %s%n", other, calls.byEndpoint());
    }
    out.printf("  API calls at one call per change     %,10d%n", oneCallPerChange);
    out.printf("  reduction                            %9.2f%%%n", reduction);
    out.printf("  record errors                        %,10d%n", c.getRecordErrors());
    if (result.passed()) {
      out.printf(
          "  verification: PASSED, all %,d keys in Postgres equal their HubSpot record"
              + " (0 mismatches)%n",
          result.keys());
    } else {
      out.printf(
          "  verification: FAILED, %,d of %,d keys match; %,d missing, %,d mismatches,"
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

  private static ChildProcess startSandbox(Path root, Path work, String token) throws Exception {
    return ChildProcess.start(
        "sandbox",
        List.of(
            DemoSupport.java(),
            "-Xmx512m",
            "-jar",
            root.resolve("sandbox/target/sandbox.jar").toString(),
            "--port",
            "0",
            "--hubspot-token",
            token),
        work.resolve("logs"));
  }

  private void cleanup(Path root, Path config, Path secrets) throws Exception {
    step(
        "cleaning up: sync-runner cleanup (drops "
            + (workload.triggers() ? "the triggers and the change table" : "slot and publication")
            + "), sandbox, Postgres");
    RunnerProcess.Result cleanup =
        RunnerProcess.runToEnd(
            RunnerCommand.of(
                List.of("cleanup", "--config", config.toString(), "--secrets", secrets.toString()),
                root.resolve(".demo/logs/cleanup-" + CONFIG + ".log")),
            Duration.ofSeconds(60));
    if (cleanup.exitCode() != 0) {
      out.println("  cleanup did not succeed; see .demo/logs/cleanup-" + CONFIG + ".log");
    }
    Files.deleteIfExists(secrets);
  }

  private static Map<String, String> mapping() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("customer_ref", "customer_ref");
    m.put("first_name", "firstname");
    m.put("last_name", "lastname");
    m.put("email", "email");
    m.put("phone", "phone");
    m.put("account_ref", "account_ref");
    m.put("title", "jobtitle");
    return Collections.unmodifiableMap(m);
  }

  private void step(String message) {
    out.println("==> " + message);
  }
}

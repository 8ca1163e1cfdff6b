package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.ReverseCounters;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.harness.salesforce.SalesforceRest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's second act: the same sync turned two-way. The table gains a salesforce_id column, the
 * runner restarts with spec.twoWay (added to the demo's rendered copy of the example), its first
 * poll fills every row's Salesforce Id, and a contact edited "in Salesforce" through the REST API
 * arrives in Postgres without being written back.
 */
final class TwoWayAct {

  /** Starts the runner with a config file; the demo's act one uses the same launcher. */
  @FunctionalInterface
  interface RunnerLauncher {
    RunnerProcess start(Path config, int statusPort) throws IOException;
  }

  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  static final String ID_COLUMN = "salesforce_id";

  private final PrintStream out;
  private final PostgresDatabase db;
  private final SalesforceRest salesforce;
  private final RunnerLauncher launcher;

  TwoWayAct(
      PrintStream out, PostgresDatabase db, SalesforceRest salesforce, RunnerLauncher launcher) {
    this.out = out;
    this.db = db;
    this.salesforce = salesforce;
    this.launcher = launcher;
  }

  /**
   * Runs the act and prints what it verified.
   *
   * @param oneWayConfig the rendered config of act one
   * @return whether everything was verified and the runner exited with 0
   */
  boolean run(Path oneWayConfig, int statusPort) throws Exception {
    step(
        "second act, two-way: ALTER TABLE public.contacts ADD COLUMN "
            + ID_COLUMN
            + " text; spec.twoWay: {pollInterval: 2s, destinationIdColumn: "
            + ID_COLUMN
            + ", conflictPolicy: SourceWins}");
    db.execute("ALTER TABLE public.contacts ADD COLUMN " + ID_COLUMN + " text");
    Path config = oneWayConfig.resolveSibling("sync-two-way.yaml");
    writeTwoWayConfig(oneWayConfig, config);

    step("restarting the runner with .demo/sync-two-way.yaml: its first poll reads every Contact");
    try (RunnerProcess runner = launcher.start(config, statusPort)) {
      StatusProbe status = runner.probe();
      awaitReady(runner, status);
      long rows = db.queryLong("SELECT count(*) FROM public.contacts");
      awaitIdsFilled(runner, status, rows);
      Map<String, JsonNode> records =
          salesforce.recordsByExternalId(
              "Contact", "Customer_Ref__c", List.of("Id", "Customer_Ref__c", "Email"));
      long idsMatching = idsMatching(records);
      out.printf(
          "  %,d of %,d rows hold the Id of their Salesforce record in %s%n",
          idsMatching, rows, ID_COLUMN);

      Map<String, Object> contact =
          db.query("SELECT customer_ref, email FROM public.contacts ORDER BY customer_ref LIMIT 1")
              .get(0);
      String ref = contact.get("customer_ref").toString();
      String before = String.valueOf(contact.get("email"));
      String after = "edited.in.salesforce@example.com";
      String id = records.get(ref).path("Id").asText();
      RunnerStatus quiet = status.currentStatus();
      step(
          "editing "
              + ref
              + " in Salesforce: PATCH /services/data/v64.0/sobjects/Contact/"
              + id
              + " {\"Email\": \""
              + after
              + "\"}");
      salesforce.update("Contact", id, Map.of("Email", after));
      Duration arrival = awaitEmail(runner, ref, after);
      out.printf(
          "  public.contacts %s: email %s -> %s after %.1f s%n",
          ref, before, after, arrival.toMillis() / 1000.0);
      RunnerStatus settled = awaitPolls(runner, status, 2);
      long writtenBack =
          settled.counters().getRecordsWritten() - quiet.counters().getRecordsWritten();
      long captured =
          settled.counters().getChangesCaptured() - quiet.counters().getChangesCaptured();

      ReverseCounters reverse = settled.reverse();
      boolean passed =
          idsMatching == rows
              && writtenBack == 0
              && captured == 0
              && reverse.getConflicts() == 0
              && arrival.compareTo(POLL_INTERVAL.plusSeconds(2)) <= 0;
      printSummary(rows, idsMatching, ref, arrival, writtenBack, captured, reverse, passed);
      step("stopping the runner (SIGTERM)");
      int exit = runner.terminate(Duration.ofSeconds(60));
      out.println("  runner exited with " + exit);
      return passed && exit == 0;
    }
  }

  private static void writeTwoWayConfig(Path oneWay, Path target) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode manifest = (ObjectNode) yaml.readTree(oneWay.toFile());
    ((ObjectNode) manifest.get("spec"))
        .putObject("twoWay")
        .put("pollInterval", POLL_INTERVAL.toSeconds() + "s")
        .put("destinationIdColumn", ID_COLUMN)
        .put("conflictPolicy", "SourceWins");
    Files.writeString(
        target,
        "# Rendered by make demo: act one's sync.yaml plus spec.twoWay (needs the "
            + ID_COLUMN
            + " column).\n"
            + yaml.writeValueAsString(manifest));
  }

  private void awaitReady(RunnerProcess runner, StatusProbe status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!status.ready()) {
      alive(runner);
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure("the runner was not ready within 60 s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private void awaitIdsFilled(RunnerProcess runner, StatusProbe status, long rows)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    Instant lastPrint = Instant.EPOCH;
    while (true) {
      alive(runner);
      long filled =
          db.queryLong("SELECT count(*) FROM public.contacts WHERE " + ID_COLUMN + " IS NOT NULL");
      boolean done = filled == rows;
      if (done || Instant.now().isAfter(lastPrint.plusSeconds(2))) {
        ReverseCounters reverse = reverse(status);
        out.printf(
            "  reverse      read %,9d  applied %,5d  conflicts %,3d  %s %,7d of %,d rows%n",
            reverse == null ? 0 : reverse.getRecordsRead(),
            reverse == null ? 0 : reverse.getRowsApplied(),
            reverse == null ? 0 : reverse.getConflicts(),
            ID_COLUMN,
            filled,
            rows);
        lastPrint = Instant.now();
      }
      if (done) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(
            ID_COLUMN + " was not filled for every row within 90 s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  private Duration awaitEmail(RunnerProcess runner, String ref, String email)
      throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plusSeconds(30);
    while (true) {
      alive(runner);
      List<Map<String, Object>> row =
          db.query(
              "SELECT email FROM public.contacts WHERE customer_ref = '"
                  + ref.replace("'", "''")
                  + "'");
      if (!row.isEmpty() && email.equals(row.get(0).get("email"))) {
        return Duration.between(start, Instant.now());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(
            "the edit made in Salesforce did not reach Postgres within 30 s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** Waits until the runner has finished {@code polls} more polls; returns its status then. */
  private RunnerStatus awaitPolls(RunnerProcess runner, StatusProbe status, int polls)
      throws InterruptedException, IOException {
    String last = status.currentStatus().reverse().getLastPollTime();
    int seen = 0;
    Instant deadline = Instant.now().plusSeconds(30);
    while (seen < polls) {
      alive(runner);
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure("the runner stopped polling Salesforce; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(200);
      String now = status.currentStatus().reverse().getLastPollTime();
      if (now != null && !now.equals(last)) {
        seen++;
        last = now;
      }
    }
    return status.currentStatus();
  }

  private long idsMatching(Map<String, JsonNode> records) {
    long matching = 0;
    for (Map<String, Object> row :
        db.query("SELECT customer_ref, " + ID_COLUMN + " FROM public.contacts")) {
      JsonNode record = records.get(String.valueOf(row.get("customer_ref")));
      if (record != null && record.path("Id").asText().equals(row.get(ID_COLUMN))) {
        matching++;
      }
    }
    return matching;
  }

  private void printSummary(
      long rows,
      long idsMatching,
      String ref,
      Duration arrival,
      long writtenBack,
      long captured,
      ReverseCounters reverse,
      boolean passed) {
    out.println();
    out.println(
        "Summary: Salesforce Contact (sandbox) -> public.contacts, native ids in " + ID_COLUMN);
    out.printf("  rows with their Salesforce Id        %,10d of %,d%n", idsMatching, rows);
    out.printf(
        "  edit in Salesforce reached Postgres  %10.1f s (%s; pollInterval 2 s)%n",
        arrival.toMillis() / 1000.0, ref);
    out.printf("  changes captured because of it       %,10d%n", captured);
    out.printf("  records written back to Salesforce   %,10d%n", writtenBack);
    out.printf("  reverse: records read                %,10d%n", reverse.getRecordsRead());
    out.printf("  reverse: rows applied                %,10d%n", reverse.getRowsApplied());
    out.printf("  reverse: conflicts                   %,10d%n", reverse.getConflicts());
    if (passed) {
      out.println(
          "  verification: PASSED, every row holds its Salesforce Id, the edit arrived within"
              + " pollInterval + 2 s and nothing was echoed back");
    } else {
      out.println(
          "  verification: FAILED (expected every Id, arrival within 4 s, no conflict, nothing"
              + " captured or written back)");
    }
    out.println();
  }

  private static ReverseCounters reverse(StatusProbe status) {
    try {
      return status.currentStatus().reverse();
    } catch (IOException e) {
      return null;
    }
  }

  private static void alive(RunnerProcess runner) {
    if (!runner.isAlive()) {
      throw new DemoFailure("the runner exited; see " + runner.log());
    }
  }

  private void step(String message) {
    out.println("==> " + message);
  }
}

package io.serversidesync.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.ReverseCounters;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's second act: the same sync turned two-way. The table gains a column for the
 * destination's native ids (salesforce_id, hubspot_id), the runner restarts with spec.twoWay (added
 * to the demo's rendered copy of the example), its first poll fills every row's id, and a contact
 * edited "in the destination" (Salesforce's REST API, HubSpot's user edits in the sandbox) arrives
 * in Postgres without being written back.
 */
final class TwoWayAct {

  /** Starts the runner with a config file; the demo's act one uses the same launcher. */
  @FunctionalInterface
  interface RunnerLauncher {
    RunnerProcess start(Path config, int statusPort) throws IOException;
  }

  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private final PrintStream out;
  private final PostgresDatabase db;
  private final TwoWaySide destination;
  private final String idColumn;
  private final RunnerLauncher launcher;

  TwoWayAct(PrintStream out, PostgresDatabase db, TwoWaySide destination, RunnerLauncher launcher) {
    this.out = out;
    this.db = db;
    this.destination = destination;
    this.idColumn = destination.idColumn();
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
            + idColumn
            + " text; spec.twoWay: {pollInterval: 2s, destinationIdColumn: "
            + idColumn
            + ", conflictPolicy: SourceWins}");
    db.execute("ALTER TABLE public.contacts ADD COLUMN " + idColumn + " text");
    Path config =
        oneWayConfig.resolveSibling(
            oneWayConfig.getFileName().toString().replaceFirst("\\.yaml$", "-two-way.yaml"));
    writeTwoWayConfig(oneWayConfig, config);

    step(
        "restarting the runner with .demo/"
            + config.getFileName()
            + ": its first poll reads every "
            + destination.object());
    try (RunnerProcess runner = launcher.start(config, statusPort)) {
      StatusProbe status = runner.probe();
      awaitReady(runner, status);
      long rows = db.queryLong("SELECT count(*) FROM public.contacts");
      awaitIdsFilled(runner, status, rows);
      Map<String, String> ids = destination.idsByKey();
      long idsMatching = idsMatching(ids);
      out.printf(
          "  %,d of %,d rows hold the %s of their %s record in %s%n",
          idsMatching, rows, destination.idName(), destination.name(), idColumn);

      Map<String, Object> contact =
          db.query("SELECT customer_ref, email FROM public.contacts ORDER BY customer_ref LIMIT 1")
              .get(0);
      String ref = contact.get("customer_ref").toString();
      String before = String.valueOf(contact.get("email"));
      String after = "edited.in." + destination.name().toLowerCase(Locale.ROOT) + "@example.com";
      String id = ids.get(ref);
      RunnerStatus quiet = status.currentStatus();
      String call = destination.editEmail(ref, id, after);
      step("editing " + ref + " in " + destination.name() + ": " + call);
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

  private void writeTwoWayConfig(Path oneWay, Path target) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode manifest = (ObjectNode) yaml.readTree(oneWay.toFile());
    ((ObjectNode) manifest.get("spec"))
        .putObject("twoWay")
        .put("pollInterval", POLL_INTERVAL.toSeconds() + "s")
        .put("destinationIdColumn", idColumn)
        .put("conflictPolicy", "SourceWins");
    Files.writeString(
        target,
        "# Rendered by make demo: act one's "
            + oneWay.getFileName()
            + " plus spec.twoWay (needs the "
            + idColumn
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
          db.queryLong("SELECT count(*) FROM public.contacts WHERE " + idColumn + " IS NOT NULL");
      boolean done = filled == rows;
      if (done || Instant.now().isAfter(lastPrint.plusSeconds(2))) {
        ReverseCounters reverse = reverse(status);
        out.printf(
            "  reverse      read %,9d  applied %,5d  conflicts %,3d  %s %,7d of %,d rows%n",
            reverse == null ? 0 : reverse.getRecordsRead(),
            reverse == null ? 0 : reverse.getRowsApplied(),
            reverse == null ? 0 : reverse.getConflicts(),
            idColumn,
            filled,
            rows);
        lastPrint = Instant.now();
      }
      if (done) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(
            idColumn + " was not filled for every row within 90 s; see " + runner.log());
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
            "the edit made in "
                + destination.name()
                + " did not reach Postgres within 30 s; see "
                + runner.log());
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
        throw new DemoFailure(
            "the runner stopped polling " + destination.name() + "; see " + runner.log());
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

  private long idsMatching(Map<String, String> ids) {
    long matching = 0;
    for (Map<String, Object> row :
        db.query("SELECT customer_ref, " + idColumn + " FROM public.contacts")) {
      String id = ids.get(String.valueOf(row.get("customer_ref")));
      if (id != null && id.equals(row.get(idColumn))) {
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
        "Summary: "
            + destination.name()
            + " "
            + destination.object()
            + " (sandbox) -> public.contacts, native ids in "
            + idColumn);
    String name = destination.name();
    out.printf(
        "  %-37s%,10d of %,d%n",
        "rows with their " + name + " " + destination.idName(), idsMatching, rows);
    out.printf(
        "  %-37s%10.1f s (%s; pollInterval 2 s)%n",
        "edit in " + name + " reached Postgres", arrival.toMillis() / 1000.0, ref);
    out.printf("  changes captured because of it       %,10d%n", captured);
    out.printf("  %-37s%,10d%n", "records written back to " + name, writtenBack);
    out.printf("  reverse: records read                %,10d%n", reverse.getRecordsRead());
    out.printf("  reverse: rows applied                %,10d%n", reverse.getRowsApplied());
    out.printf("  reverse: conflicts                   %,10d%n", reverse.getConflicts());
    if (passed) {
      out.println(
          "  verification: PASSED, every row holds its "
              + name
              + " "
              + destination.idName()
              + ", the edit arrived within"
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

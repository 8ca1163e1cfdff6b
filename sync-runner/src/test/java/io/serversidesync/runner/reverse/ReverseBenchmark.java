package io.serversidesync.runner.reverse;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Benchmark group "reverse" (scripts/bench.d/reverse.sh): how fast the reverse direction applies
 * 10,000 records changed in Salesforce (the sandbox, in-process) to a synced Postgres table, from
 * the start of the poll to the last row written: reading the pages (SOQL, nextRecordsUrl), locking
 * rows and versions, deciding, writing rows and versions, saving the mark. Baseline in the same
 * run: reading the same 10,000 records through the same reader without applying them, the part no
 * implementation can avoid. Exits 1 when not every change arrived (the figure would be
 * meaningless).
 */
public final class ReverseBenchmark {

  private static final int ROWS = Integer.getInteger("bench.rows", 10_000);

  private ReverseBenchmark() {}

  public static void main(String[] args) throws Exception {
    int status = 1;
    try (PostgresCluster cluster = PostgresCluster.start();
        Sandbox sandbox = TwoWayFixture.startSandbox()) {
      status = run(cluster.createDatabase("bench_reverse"), sandbox);
    }
    System.exit(status);
  }

  private static int run(PostgresDatabase db, Sandbox sandbox) throws Exception {
    TwoWayFixture.createTable(db, "bench");
    db.execute(
        "INSERT INTO bench (ref, last_name, email) SELECT 'B-' || lpad(i::text, 6, '0'),"
            + " 'Last ' || i, 'b' || i || '@example.com' FROM generate_series(1, "
            + ROWS
            + ") i");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            "bench",
            "bench",
            ConflictPolicy.SourceWins,
            Duration.ofSeconds(1),
            DeletePolicy.Ignore);
    RunnerState state = new RunnerState("bench");
    GatedDestination gates =
        new GatedDestination(TwoWayFixture.salesforce(sandbox, settings, state));
    SalesforceRest salesforce =
        new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken);
    double seconds;
    long calls;
    try (TwoWayRun run = new TwoWayRun(settings, gates, state, TwoWayFixture.FAST).start()) {
      ReverseStats reverse = state.reverse();
      await("the initial sync", () -> filled(db) == ROWS, Duration.ofMinutes(3));
      // the forward writes' echoes are read once; wait until the mark has passed them
      long polls = reverse.polls();
      await("the echoes to settle", () -> reverse.polls() >= polls + 8, Duration.ofMinutes(1));
      gates.beforeRead.close();
      await("the poll to wait", () -> awaitEntered(gates), Duration.ofSeconds(30));

      List<Map<String, Object>> edits = new ArrayList<>();
      for (Map<String, Object> r : sandbox.records("Contact")) {
        Map<String, Object> edit = new HashMap<>();
        edit.put("Id", r.get("Id"));
        edit.put("Email", "edited." + r.get("Customer_Ref__c").toString().toLowerCase() + "@x.io");
        edits.add(edit);
      }
      salesforce.updateAll("Contact", edits);
      long applied = reverse.rowsApplied();
      long queries = sandbox.stats().calls("query") + sandbox.stats().calls("query.more");
      long start = System.nanoTime();
      gates.beforeRead.open();
      await(
          "the reverse apply",
          () -> reverse.rowsApplied() >= applied + ROWS,
          Duration.ofMinutes(5));
      seconds = (System.nanoTime() - start) / 1e9;
      calls = sandbox.stats().calls("query") + sandbox.stats().calls("query.more") - queries;
      if (run.failure.get() != null) {
        throw new IllegalStateException("the runner failed", run.failure.get());
      }
    }
    long arrived = db.queryLong("SELECT count(*) FROM bench WHERE email LIKE 'edited.%'");
    if (arrived != ROWS) {
      System.err.println("reverse: " + arrived + " of " + ROWS + " edits arrived; run invalid");
      return 1;
    }

    double readSeconds = readAll(sandbox, settings);
    double rate = ROWS / seconds;
    double readRate = ROWS / readSeconds;
    System.out.printf("BENCH reverse_rows_per_s %.0f rows/s (%,d changed records)%n", rate, ROWS);
    System.out.printf(
        "BENCH reverse_read_only_rows_per_s %.0f rows/s (baseline: the same pages, not applied)%n",
        readRate);
    System.out.printf("BENCH reverse_ratio_to_read %.2f reverse/read-only%n", rate / readRate);
    System.out.printf(
        "BENCH reverse_api_calls %d calls (%,d records, 2,000 per page)%n", calls, ROWS);
    return 0;
  }

  /** Reads every record through the Salesforce reader, pages only; returns the seconds taken. */
  private static double readAll(Sandbox sandbox, SyncSettings settings) throws Exception {
    RunnerState state = new RunnerState("bench-read");
    try (Destination destination = TwoWayFixture.salesforce(sandbox, settings, state)) {
      destination.preflight(settings.fields());
      ChangeReader reader = destination.changeReader().orElseThrow();
      long start = System.nanoTime();
      int records = 0;
      ChangePage page = reader.read(ChangeCursor.START, null, 2000);
      records += page.records().size();
      while (!page.last()) {
        page = reader.read(ChangeCursor.START, page.continuation(), 2000);
        records += page.records().size();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (records != ROWS) {
        throw new IllegalStateException("read " + records + " records, expected " + ROWS);
      }
      return seconds;
    }
  }

  private static long filled(PostgresDatabase db) {
    return db.queryLong("SELECT count(*) FROM bench WHERE sf_id IS NOT NULL");
  }

  private static boolean awaitEntered(GatedDestination gates) {
    try {
      return gates.beforeRead.awaitEntered();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void await(String what, BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}

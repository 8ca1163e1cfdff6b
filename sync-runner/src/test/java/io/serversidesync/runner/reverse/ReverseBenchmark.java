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
import io.serversidesync.runner.reverse.store.ReverseStateTable;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.faults.FaultSettings;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Benchmark group "reverse" (scripts/bench.d/reverse.sh): how fast the reverse direction applies
 * 10,000 records changed in Salesforce (the sandbox, in-process) to a synced Postgres table,
 * against how fast the same pages can merely be read.
 *
 * <p>Each round edits every record, holds the runner's poll at its first read and then times two
 * things over the same pages, from the same start (the first page's read is issued) to the same
 * stop (the last page is done): the runner's poll reading and applying them (locking rows and
 * versions, deciding, writing rows and versions, saving the mark, committing), and a second reader
 * of the same destination reading them from the same mark without applying them, the part no
 * implementation can avoid. The two alternate which goes first. A first round warms both paths up
 * and is not counted; the figures are medians over the counted rounds with their min–max. Three
 * more rounds add {@code bench.apiLatencyMs} (100) to every API call of the timed part, as a real
 * org's query pages take a while. Exits 1 when not every change arrived in some round (the figure
 * would be meaningless).
 */
public final class ReverseBenchmark {

  private static final int ROWS = Integer.getInteger("bench.rows", 10_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int PAGE = 2000;

  /** API latency of the rounds that model a real org, where a page takes a while to arrive. */
  private static final long API_LATENCY_MS = Long.getLong("bench.apiLatencyMs", 100);

  private static final int LATENCY_ROUNDS = 3;

  private ReverseBenchmark() {}

  public static void main(String[] args) throws Exception {
    int status = 1;
    try (PostgresCluster cluster = PostgresCluster.start();
        Sandbox sandbox = TwoWayFixture.startSandbox()) {
      status = run(cluster.createDatabase("bench_reverse"), sandbox);
    }
    System.exit(status);
  }

  /** One round's timings: seconds to apply, seconds to read only, API calls of the apply. */
  private record Round(double applySeconds, double readSeconds, long calls) {}

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
    List<Round> rounds = new ArrayList<>();
    List<Round> slow = new ArrayList<>();
    try (TwoWayRun run = new TwoWayRun(settings, gates, state, TwoWayFixture.FAST).start();
        Destination second =
            TwoWayFixture.salesforce(sandbox, settings, new RunnerState("bench-read"))) {
      second.preflight(settings.fields());
      ChangeReader readOnly = second.changeReader().orElseThrow();
      ReverseStats reverse = state.reverse();
      await("the initial sync", () -> filled(db) == ROWS, Duration.ofMinutes(3));
      for (int r = 0; r <= ROUNDS + LATENCY_ROUNDS; r++) {
        // the echoes of the forward writes or of the last round's edits are read again until they
        // settled; wait until the mark has passed them
        awaitQuiet(reverse);
        long latency = r > ROUNDS ? API_LATENCY_MS : 0;
        Round round = round(r, latency, db, sandbox, salesforce, gates, run, readOnly);
        if (round == null) {
          return 1;
        }
        System.err.printf(
            Locale.ROOT,
            "reverse: round %d%s: apply %.3f s, read only %.3f s, %d calls%n",
            r,
            r == 0 ? " (warm-up, not counted)" : latency > 0 ? " (API latency)" : "",
            round.applySeconds(),
            round.readSeconds(),
            round.calls());
        if (latency > 0) {
          slow.add(round);
        } else if (r > 0) {
          rounds.add(round);
        }
      }
      if (run.failure.get() != null) {
        throw new IllegalStateException("the runner failed", run.failure.get());
      }
    }
    report(rounds, slow);
    return 0;
  }

  /** Edits every record and times applying and reading them; null when not every edit arrived. */
  private static Round round(
      int r,
      long latencyMs,
      PostgresDatabase db,
      Sandbox sandbox,
      SalesforceRest salesforce,
      GatedDestination gates,
      TwoWayRun run,
      ChangeReader readOnly)
      throws Exception {
    ReverseStats reverse = run.state.reverse();
    gates.beforeRead.close();
    await("the poll to wait", () -> awaitEntered(gates), Duration.ofSeconds(30));
    ChangeCursor mark;
    try (Connection c = db.connect()) {
      mark = new ReverseStateTable("bench").load(c, Instant.now()).cursor();
    }
    String prefix = "r" + r + ".";
    List<Map<String, Object>> edits = new ArrayList<>();
    for (Map<String, Object> rec : sandbox.records("Contact")) {
      Map<String, Object> edit = new HashMap<>();
      edit.put("Id", rec.get("Id"));
      edit.put(
          "Email",
          prefix + rec.get("Customer_Ref__c").toString().toLowerCase(Locale.ROOT) + "@x.io");
      edits.add(edit);
    }
    salesforce.updateAll("Contact", edits);

    boolean readFirst = r % 2 == 1;
    if (latencyMs > 0) {
      sandbox.setFaults(FaultSettings.none().withLatency(latencyMs, 0));
    }
    double read = readFirst ? readAll(readOnly, mark) : 0;
    long applied = reverse.rowsApplied();
    long queries = queries(sandbox);
    long start = System.nanoTime();
    gates.beforeRead.open();
    await(
        "the reverse apply", () -> reverse.rowsApplied() >= applied + ROWS, Duration.ofMinutes(5));
    double apply = (System.nanoTime() - start) / 1e9;
    long calls = queries(sandbox) - queries;
    if (!readFirst) {
      read = readAll(readOnly, mark);
    }
    sandbox.setFaults(FaultSettings.none());
    if (run.failure.get() != null) {
      throw new IllegalStateException("the runner failed", run.failure.get());
    }
    long arrived = db.queryLong("SELECT count(*) FROM bench WHERE email LIKE '" + prefix + "%'");
    if (arrived != ROWS) {
      System.err.println(
          "reverse: round " + r + ": " + arrived + " of " + ROWS + " edits arrived; run invalid");
      return null;
    }
    return new Round(apply, read, calls);
  }

  private static void report(List<Round> rounds, List<Round> slow) {
    double[] apply = rounds.stream().mapToDouble(x -> ROWS / x.applySeconds()).toArray();
    double[] read = rounds.stream().mapToDouble(x -> ROWS / x.readSeconds()).toArray();
    double[] ratio = rounds.stream().mapToDouble(x -> x.readSeconds() / x.applySeconds()).toArray();
    double[] calls = rounds.stream().mapToDouble(Round::calls).toArray();
    String of = String.format(Locale.ROOT, "%d interleaved rounds", rounds.size());
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_rows_per_s %.0f rows/s (median of %s, min-max %.0f-%.0f; %,d changed"
            + " records, read and applied)%n",
        median(apply),
        of,
        min(apply),
        max(apply),
        ROWS);
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_read_only_rows_per_s %.0f rows/s (baseline: the same pages from the same"
            + " mark, read only; median, min-max %.0f-%.0f)%n",
        median(read),
        min(read),
        max(read));
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_ratio_to_read %.2f reverse/read-only (median of the rounds' ratios, min-max"
            + " %.2f-%.2f; target >= 0.5)%n",
        median(ratio),
        min(ratio),
        max(ratio));
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_api_calls %.0f calls per round (%,d records, %,d per page; max %.0f)%n",
        median(calls),
        ROWS,
        PAGE,
        max(calls));
    double[] slowRatio =
        slow.stream().mapToDouble(x -> x.readSeconds() / x.applySeconds()).toArray();
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_ratio_to_read_api_%dms %.2f reverse/read-only (every API call %d ms slower,"
            + " as a real org's query pages are; median of %d rounds, min-max %.2f-%.2f)%n",
        API_LATENCY_MS,
        median(slowRatio),
        API_LATENCY_MS,
        slow.size(),
        min(slowRatio),
        max(slowRatio));
    System.out.printf(
        Locale.ROOT,
        "BENCH reverse_machine_load %s (1-minute load average at the end of the run, %d cores:"
            + " above the core count the figures include waiting for a CPU)%n",
        loadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Reads every changed record after {@code mark}, pages only; returns the seconds taken. */
  private static double readAll(ChangeReader reader, ChangeCursor mark) throws Exception {
    long start = System.nanoTime();
    int records = 0;
    ChangePage page = reader.read(mark, null, PAGE);
    records += page.records().size();
    while (!page.last()) {
      page = reader.read(mark, page.continuation(), PAGE);
      records += page.records().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (records != ROWS) {
      throw new IllegalStateException("read " + records + " records, expected " + ROWS);
    }
    return seconds;
  }

  private static long queries(Sandbox sandbox) {
    return sandbox.stats().calls("query") + sandbox.stats().calls("query.more");
  }

  private static long filled(PostgresDatabase db) {
    return db.queryLong("SELECT count(*) FROM bench WHERE sf_id IS NOT NULL");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  /**
   * Waits until a whole poll read nothing: the mark has passed every edit, so the next poll's first
   * read is the one the gate holds.
   */
  private static void awaitQuiet(ReverseStats reverse) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      long polls = reverse.polls();
      long read = reverse.recordsRead();
      await("two polls", () -> reverse.polls() >= polls + 2, Duration.ofMinutes(1));
      if (reverse.recordsRead() == read) {
        return;
      }
    }
    throw new IllegalStateException("the reverse loop kept reading records for 2 minutes");
  }

  private static boolean awaitEntered(GatedDestination gates) {
    try {
      return gates.beforeRead.awaitEntered();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until {@code done}, checking every 0.1 ms: the stop of a timed run is seen within that,
   * not within a coarse polling interval.
   */
  private static void await(String what, BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      LockSupport.parkNanos(100_000);
    }
  }
}

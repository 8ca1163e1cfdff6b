package io.serversidesync.runner.bench;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark group "backlog": what a large backlog and a large transaction cost, end to end, with
 * the runner jar in its own JVM under the JVM settings a runner pod has.
 *
 * <ul>
 *   <li><b>1,000,000 changes over 100,000 keys</b> written by application-like writers while the
 *       runner is stopped (each contact naming one of 200 accounts), then drained. The floor is the
 *       cheapest path's: one Bulk API 2.0 job (create, upload, close, one poll, results: the
 *       sandbox finishes a job before the first poll). Every key must be sent once.
 *   <li><b>one transaction of 50,000 inserts and three updates of every row</b>, committed while
 *       the runner streams. Only the committed image may ever reach the destination: a poller reads
 *       the sandbox's records throughout and counts every record it sees with an insert or
 *       intermediate update image.
 * </ul>
 *
 * <p>Both runs verify every key against the sandbox and exit 1 when anything differs. Arguments:
 * the runner's class path. Environment: BENCH_RUNNER_OPTS (the runner's JVM options). System
 * property bench.scenario: backlog or bigtxn runs only that one.
 */
public final class BacklogBenchmark {

  static final int BACKLOG_CHANGES = 1_000_000;
  static final int BACKLOG_KEYS = 100_000;
  static final int TXN_ROWS = 50_000;
  static final int ACCOUNTS = 200;
  static final int MAX_RECORDS = 200;

  private BacklogBenchmark() {}

  public static void main(String[] args) throws Exception {
    String options = System.getenv().getOrDefault("BENCH_RUNNER_OPTS", "").trim();
    List<String> runnerOptions = options.isEmpty() ? List.of() : Arrays.asList(options.split(" "));
    try (BenchRig rig =
        new BenchRig(Path.of("").toAbsolutePath(), "backlog", args[0], runnerOptions)) {
      String only = System.getProperty("bench.scenario", "");
      if (only.isEmpty() || only.equals("backlog")) {
        backlog(rig, options);
      }
      if (only.isEmpty() || only.equals("bigtxn")) {
        bigTransaction(rig);
      }
    }
  }

  private static void backlog(BenchRig rig, String options) throws Exception {
    PostgresDatabase db = rig.contactsDatabase("bench_backlog");
    Path config = rig.manifest("bench-backlog", db, spec -> {});
    try (BenchRunner first = rig.runner(config, Map.of())) {
      first.awaitStreaming(Duration.ofMinutes(2));
      stopCleanly(first);
    }
    log(
        "backlog: writing %,d upserts over %,d keys with the runner stopped",
        BACKLOG_CHANGES, BACKLOG_KEYS);
    Instant writeStart = Instant.now();
    new ContactsLoad(db, BACKLOG_KEYS, 4, ACCOUNTS).burst(BACKLOG_CHANGES);
    long end = CoalescingBenchmark.endLsn(db);
    log("backlog: written in %.1f s; the runner drains it", seconds(writeStart));
    rig.sandbox().reset();
    rig.createAccounts(ACCOUNTS);
    StatsSnapshot before = rig.sandbox().stats();
    Instant drainStart = Instant.now();
    RunnerStatus done;
    long peakRss;
    try (BenchRunner runner = rig.runner(config, Map.of())) {
      done = runner.awaitConfirmed(end, Duration.ofMinutes(15), progress("backlog"));
      peakRss = runner.peakRssMb();
      stopCleanly(runner);
    }
    double drainSeconds = seconds(drainStart);
    Calls calls = Calls.since(before, rig.sandbox().stats());
    Counters c = done.counters();
    expectExactly("backlog", c, BACKLOG_CHANGES);
    long keys = StoreCheck.verify(db, rig.sandbox(), CoalescingBenchmark.MAPPING);
    LookupCheck.verify(db, rig.sandbox());
    if (keys != BACKLOG_KEYS || c.getRecordsWritten() != BACKLOG_KEYS) {
      throw new BenchFailure(
          "backlog: "
              + c.getRecordsWritten()
              + " records written for "
              + keys
              + " keys; each key must be sent once");
    }
    long floor = bulkFloor(BACKLOG_KEYS);
    log(
        "backlog: verified %,d keys in %.1f s; %s; the sandbox's counts: %s",
        keys, drainSeconds, calls, rig.sandbox().stats().calls());
    System.out.printf(
        "BENCH api_calls_backlog_1m %d calls (%,d changes over %,d keys written while the runner"
            + " was stopped, drained in %.0f s; plus %d describe call(s) at start)%n",
        calls.data(), BACKLOG_CHANGES, BACKLOG_KEYS, drainSeconds, calls.describes());
    System.out.printf(
        "BENCH api_calls_backlog_ratio_to_floor %.2f calls/floor (floor: one Bulk API 2.0 job, %d"
            + " calls; records written per key %.2f; target <= 1.05)%n",
        (double) calls.data() / floor, floor, (double) c.getRecordsWritten() / keys);
    System.out.printf(
        "BENCH backlog_peak_rss_mb %d MB (%s; target <= 300)%n",
        peakRss, options.isEmpty() ? "the JVM's defaults" : options);
  }

  private static void bigTransaction(BenchRig rig) throws Exception {
    PostgresDatabase db = rig.contactsDatabase("bench_bigtxn");
    Path config = rig.manifest("bench-bigtxn", db, spec -> {});
    rig.sandbox().reset();
    try (BenchRunner runner = rig.runner(config, Map.of());
        ImagePoller poller = new ImagePoller(rig.sandbox(), "Final")) {
      runner.awaitStreaming(Duration.ofMinutes(2));
      StatsSnapshot before = rig.sandbox().stats();
      log("big transaction: %,d inserts and 3 updates of each row in one transaction", TXN_ROWS);
      db.execute(
          """
          BEGIN;
          INSERT INTO public.contacts (customer_ref, first_name, last_name, email)
            SELECT 'T-' || i, 'Inserted', 'Last' || i, 'ins' || i || '@example.com'
            FROM generate_series(1, %d) i;
          UPDATE public.contacts SET first_name = 'Update1', email = 'u1.' || email;
          UPDATE public.contacts SET first_name = 'Update2', email = 'u2.' || email;
          UPDATE public.contacts SET first_name = 'Final', email = 'final.' || email;
          COMMIT;"""
              .formatted(TXN_ROWS));
      long end = CoalescingBenchmark.endLsn(db);
      poller.start();
      RunnerStatus done = runner.awaitConfirmed(end, Duration.ofMinutes(10), progress("big txn"));
      poller.finish();
      Calls calls = Calls.since(before, rig.sandbox().stats());
      expectExactly("big transaction", done.counters(), 4L * TXN_ROWS);
      long keys = StoreCheck.verify(db, rig.sandbox(), CoalescingBenchmark.MAPPING);
      stopCleanly(runner);
      int min = (TXN_ROWS + MAX_RECORDS - 1) / MAX_RECORDS;
      String path = calls.bulkJobs() > 0 ? calls.bulkJobs() + " Bulk job(s)" : "collections";
      log(
          "big transaction: verified %,d keys; %d polls of the sandbox saw %,d records, %d with an"
              + " image no committed transaction had",
          keys, poller.polls(), poller.recordsSeen(), poller.wrongImages());
      System.out.printf(
          "BENCH api_calls_big_txn %d calls (%,d inserts + 3 updates per row in one transaction,"
              + " %s; collections minimum %d, Bulk floor %d; target <= %d)%n",
          calls.data(), TXN_ROWS, path, min, bulkFloor(TXN_ROWS), (int) Math.floor(1.02 * min));
      System.out.printf(
          "BENCH big_txn_uncommitted_images_seen %d records (%d polls of every record while it was"
              + " delivered; target 0)%n",
          poller.wrongImages(), poller.polls());
      if (poller.wrongImages() > 0) {
        throw new BenchFailure(
            "big transaction: the sandbox showed "
                + poller.wrongImages()
                + " records with an image no committed transaction had");
      }
    }
  }

  /** One Bulk API 2.0 job per maxRecordsPerJob records: create, upload, close, a poll, results. */
  static long bulkFloor(int records) {
    int perJob = BulkSettings.DEFAULT.maxRecordsPerJob();
    return 5L * ((records + perJob - 1) / perJob);
  }

  private static void expectExactly(String scenario, Counters c, long changes) {
    if (c.getChangesCaptured() != changes) {
      throw new BenchFailure(
          scenario + ": captured " + c.getChangesCaptured() + " changes, " + changes + " written");
    }
    if (c.getRecordErrors() != 0) {
      throw new BenchFailure(scenario + ": " + c.getRecordErrors() + " record errors");
    }
  }

  private static BenchRunner.StatusListener progress(String scenario) {
    Instant[] last = {Instant.now()};
    return s -> {
      if (Instant.now().isAfter(last[0].plusSeconds(5))) {
        last[0] = Instant.now();
        Counters c = s.counters();
        log(
            "%s: %s captured %,d, written %,d, %,d API calls",
            scenario, s.phase(), c.getChangesCaptured(), c.getRecordsWritten(), c.getApiCalls());
      }
    };
  }

  private static void stopCleanly(BenchRunner runner) {
    int exit = runner.stop(Duration.ofMinutes(1));
    if (exit != 0) {
      throw new BenchFailure("the runner exited with " + exit + " on SIGTERM");
    }
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(format, args));
  }

  /** The sandbox's counted calls between two snapshots, split as a reader of the figures needs. */
  private record Calls(long data, long describes, long bulkJobs) {
    static Calls since(StatsSnapshot before, StatsSnapshot after) {
      long describes =
          after.calls("sobject.describe")
              - before.calls("sobject.describe")
              + after.calls("composite")
              - before.calls("composite");
      long all = after.dataApiCalls() - before.dataApiCalls();
      return new Calls(
          all - describes,
          describes,
          after.calls("bulk.createJob") - before.calls("bulk.createJob"));
    }
  }
}

package io.serversidesync.runner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.harness.workload.ContactsLoad.Change;
import io.serversidesync.harness.workload.ContactsLoad.PacedRun;
import io.serversidesync.runner.bench.AckLatencies.Ack;
import io.serversidesync.runner.bench.AckLatencies.CommittedChange;
import io.serversidesync.sandbox.faults.FaultSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark group "latency": commit → destination acknowledgement while the application writes
 * 1,000 changes/s (one upsert per transaction, 4 connections, 10,000 keys) for 60 s, the sandbox
 * adds 50 ms to every API call, and the sync has maxDelay 1s. The real runner (jar, own JVM) runs
 * with {@link AckTimingProvider}: the real Salesforce destination, logging when each record's
 * acknowledgement reached the runner and which version of the key it carried.
 *
 * <p>Method: each change stores its transaction id in {@code title} (mapped to Title). Its commit
 * time is Postgres's own ({@code track_commit_timestamp}, {@code pg_xact_commit_timestamp}). It is
 * acknowledged by the first acknowledgement of its key with its version or a later one (coalescing
 * sends only the latest image). Postgres, runner and benchmark share this machine's clock. The
 * first {@value #WARM_UP_SECONDS} s of writing warm the runner up and are not counted. The run is
 * invalid (exit 1) if a change stays unacknowledged or a key differs between Postgres and the
 * sandbox. The raw data stays in target/bench/work/latency: bench-latency-changes.tsv (key,
 * version, commit µs) and bench-latency-acks.tsv (key, version, acknowledgement µs); each measured
 * change's latency goes to target/bench/latency-samples.csv (ms, one a line), the data of the
 * latency plot.
 *
 * <p>Arguments: the runner's class path (benchmark classes, then the runner jar). Environment:
 * BENCH_RUNNER_OPTS (default {@code -Xmx256m -XX:+UseSerialGC}), BENCH_LATENCY_SECONDS (60),
 * BENCH_LATENCY_RPS and BENCH_LATENCY_CONCURRENCY (the sync's rateLimit, default 10 and 2).
 */
public final class LatencyBenchmark {

  static final int RATE = 1_000;
  static final int WARM_UP_SECONDS = 5;
  static final int KEYS = 10_000;
  static final int CONNECTIONS = 4;
  static final long API_LATENCY_MS = 50;
  static final Duration MAX_DELAY = Duration.ofSeconds(1);

  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_LATENCY_SECONDS", "60"));
    int rps = Integer.parseInt(System.getenv().getOrDefault("BENCH_LATENCY_RPS", "10"));
    int concurrency =
        Integer.parseInt(System.getenv().getOrDefault("BENCH_LATENCY_CONCURRENCY", "2"));
    List<String> runnerOptions =
        Arrays.asList(
            System.getenv()
                .getOrDefault("BENCH_RUNNER_OPTS", "-Xmx256m -XX:+UseSerialGC")
                .split(" "));
    try (BenchRig rig =
        new BenchRig(Path.of("").toAbsolutePath(), "latency", args[0], runnerOptions)) {
      rig.sandbox().setFaults(FaultSettings.none().withLatency(API_LATENCY_MS, 0));
      PostgresDatabase db = rig.contactsDatabase("bench_latency");
      Path config =
          rig.manifest(
              "bench-latency",
              db,
              spec -> {
                ((ObjectNode) spec.get("batching")).put("maxDelay", MAX_DELAY.toMillis() + "ms");
                ((ObjectNode) spec.get("rateLimit"))
                    .put("requestsPerSecond", rps)
                    .put("maxConcurrent", concurrency);
                BenchRig.map(spec, "title", "Title");
              });
      Path ackLog = rig.work().resolve("bench-latency-acks.tsv");
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("sss.bench.ackLog", ackLog.toString());
      properties.put("sss.bench.ackField", "Title");
      // the runner's own logging configuration, not the test classes' logback-test.xml
      properties.put("logback.configurationFile", "logback.xml");
      PacedRun run;
      RunnerStatus done;
      long flushes;
      try (BenchRunner runner = rig.runner(config, properties)) {
        runner.awaitStreaming(Duration.ofMinutes(2));
        CoalescingBenchmark.log(
            "latency: writing %,d changes/s for %d s (+%d s warm-up) over %,d keys; API latency"
                + " %d ms; maxDelay %s; rateLimit %d requests/s, %d concurrent",
            RATE, seconds, WARM_UP_SECONDS, KEYS, API_LATENCY_MS, MAX_DELAY, rps, concurrency);
        run = new ContactsLoad(db, KEYS, CONNECTIONS).paced(RATE, WARM_UP_SECONDS, seconds);
        CoalescingBenchmark.log(
            "latency: %,d changes measured at %.0f changes/s",
            run.changes().size(), run.achievedPerSecond());
        done =
            runner.awaitConfirmed(CoalescingBenchmark.endLsn(db), Duration.ofMinutes(5), s -> {});
        flushes = runner.flushes();
        int exit = runner.stop(Duration.ofMinutes(1));
        if (exit != 0) {
          throw new BenchFailure("the runner exited with " + exit + " on SIGTERM");
        }
      }
      List<CommittedChange> committed = committed(db, run.changes());
      Files.write(
          rig.work().resolve("bench-latency-changes.tsv"),
          committed.stream()
              .map(c -> c.key() + "\t" + c.version() + "\t" + c.commitMicros())
              .toList());
      AckLatencies latencies = AckLatencies.of(committed, acks(ackLog));
      if (latencies.unacknowledged() > 0) {
        throw new BenchFailure(latencies.unacknowledged() + " changes were never acknowledged");
      }
      latencies.writeMillis(Path.of("target/bench/latency-samples.csv"));
      Map<String, String> mapping = new LinkedHashMap<>(CoalescingBenchmark.MAPPING);
      mapping.put("title", "Title");
      StoreCheck.verify(db, rig.sandbox(), mapping);
      long calls = rig.sandbox().usage().requests().used();
      CoalescingBenchmark.log(
          "latency: verified; %d API calls, %,d records written in %d flushes, %d record errors;"
              + " min %.0f ms",
          calls,
          done.counters().getRecordsWritten(),
          flushes,
          done.counters().getRecordErrors(),
          latencies.minMillis());
      if (run.achievedPerSecond() < 0.95 * RATE) {
        throw new BenchFailure(
            String.format(
                "the writer reached only %.0f changes/s of %d: the machine is too busy",
                run.achievedPerSecond(), RATE));
      }
      String setup =
          String.format(
              "%,d changes at %d/s for %d s, API latency %d ms, maxDelay 1s, %d requests/s, %d"
                  + " concurrent",
              latencies.acknowledged(), RATE, seconds, API_LATENCY_MS, rps, concurrency);
      System.out.printf(
          "BENCH latency_p50_ms %.0f ms (commit -> acknowledgement; %s)%n",
          latencies.percentileMillis(50), setup);
      System.out.printf(
          "BENCH latency_p99_ms %.0f ms (target <= %d)%n",
          latencies.percentileMillis(99), MAX_DELAY.toMillis() + 250);
      System.out.printf("BENCH latency_max_ms %.0f ms%n", latencies.maxMillis());
      System.out.printf(
          "BENCH latency_machine_load %s (1-minute load average at the end of the run, %d cores:"
              + " above the core count the figures include waiting for a CPU)%n",
          Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** The changes with their Postgres commit times. */
  private static List<CommittedChange> committed(PostgresDatabase db, List<Change> changes)
      throws Exception {
    Map<Long, Long> commitMicros = new HashMap<>();
    try (Connection c = db.connect();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT x::text, (extract(epoch FROM pg_xact_commit_timestamp(xid(x)))"
                    + " * 1000000)::bigint FROM unnest(?::text[]::xid8[]) x")) {
      Array xids =
          c.createArrayOf(
              "text", changes.stream().map(ch -> Long.toString(ch.xid())).toArray(String[]::new));
      q.setArray(1, xids);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          commitMicros.put(Long.parseLong(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    List<CommittedChange> out = new ArrayList<>(changes.size());
    for (Change ch : changes) {
      Long micros = commitMicros.get(ch.xid());
      if (micros == null || micros == 0) {
        throw new BenchFailure("no commit timestamp for transaction " + ch.xid());
      }
      out.add(new CommittedChange(ch.key(), ch.xid(), micros));
    }
    return out;
  }

  private static List<Ack> acks(Path log) throws Exception {
    List<Ack> acks = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] f = line.split("\t");
      if (f.length == 3 && !f[1].equals("null")) {
        acks.add(new Ack(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    return acks;
  }
}

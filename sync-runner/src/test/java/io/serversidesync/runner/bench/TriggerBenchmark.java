package io.serversidesync.runner.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark group "triggers": what trigger capture ({@code spec.source.capture: Triggers}) costs
 * the application's writes ({@link TriggerWriteOverhead}), and how fast it captures a backlog
 * compared with logical replication on the same workload.
 *
 * <p>Capture: each round has two syncs, one per method, each on a fresh contacts table of its own
 * database. Each sync runs once (its initial snapshot of the empty table) and stops; then
 * application-like writers (4 connections, transactions of 1 to 4 upserts) write {@link #CHANGES}
 * changes over {@link #KEYS} keys into its table while it is stopped (the trigger sync's backlog
 * first, then the logical one's, whose slot starts after the first backlog). Then each runner is
 * started alone, in rotated order, and timed the same way: from its launch, and from the first
 * change its status shows captured, to its status confirming the position of its backlog's end
 * (every change captured and acknowledged). The runner is the jar in its own JVM with the pod's JVM
 * options; its destination acknowledges at once ({@code InstantAckProvider}) and keeps the last
 * values of each key, which must equal the table's, or the run is invalid (exit 1).
 *
 * <p>Arguments: the runner's class path (benchmark classes, then the runner jar). Environment:
 * BENCH_RUNNER_OPTS. System properties: bench.scenario (write or capture: only that one),
 * bench.rounds (capture rounds, default 3), bench.write.rounds (default 5), bench.write.seconds
 * (per segment, default 4).
 */
public final class TriggerBenchmark {

  static final int CHANGES = 200_000;
  static final int KEYS = 20_000;
  static final int CONNECTIONS = 4;
  private static final Duration POLL = Duration.ofMillis(20);

  private TriggerBenchmark() {}

  public static void main(String[] args) throws Exception {
    String options = System.getenv().getOrDefault("BENCH_RUNNER_OPTS", "").trim();
    List<String> runnerOptions = options.isEmpty() ? List.of() : Arrays.asList(options.split(" "));
    try (BenchRig rig =
        new BenchRig(Path.of("").toAbsolutePath(), "triggers", args[0], runnerOptions)) {
      String only = System.getProperty("bench.scenario", "");
      if (only.isEmpty() || only.equals("write")) {
        TriggerWriteOverhead.run(
            rig,
            Integer.getInteger("bench.write.rounds", 5),
            Duration.ofSeconds(Integer.getInteger("bench.write.seconds", 4)));
      }
      if (only.isEmpty() || only.equals("capture")) {
        capture(rig, Integer.getInteger("bench.rounds", 3), options);
      }
      System.out.printf(
          "BENCH triggers_machine_load %s (1-minute load average at the end of the run, %d cores:"
              + " above the core count the figures include waiting for a CPU)%n",
          Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** The example's manifest for these benchmarks: trigger capture. */
  static void triggerSpec(ObjectNode spec) {
    spec(spec);
    ((ObjectNode) spec.get("source")).put("capture", "Triggers");
  }

  /**
   * The example's manifest without the Account lookup (the instant destination has no Accounts).
   */
  private static void spec(ObjectNode spec) {
    ArrayNode mapping = (ArrayNode) spec.get("mapping");
    for (int i = mapping.size() - 1; i >= 0; i--) {
      if (mapping.get(i).path("column").asText().equals("account_ref")) {
        mapping.remove(i);
      }
    }
    // as the capture group: a flush's wait must not be what is measured
    ((ObjectNode) spec.get("batching")).put("maxDelay", "100ms");
  }

  private static void capture(BenchRig rig, int rounds, String options) throws Exception {
    RoundFigures ratio = new RoundFigures();
    RoundFigures ratioAfterStart = new RoundFigures();
    RoundFigures triggerRate = new RoundFigures();
    RoundFigures logicalRate = new RoundFigures();
    RoundFigures triggerRateAfterStart = new RoundFigures();
    RoundFigures logicalRateAfterStart = new RoundFigures();
    RoundFigures triggerStart = new RoundFigures();
    RoundFigures logicalStart = new RoundFigures();
    for (int r = 1; r <= rounds; r++) {
      Backlog triggers = backlog(rig, r, true);
      Backlog logical = backlog(rig, r, false);
      triggers.db.execute("CHECKPOINT");
      boolean logicalFirst = r % 2 == 1;
      Drain l = null;
      Drain t = null;
      for (Backlog b : logicalFirst ? List.of(logical, triggers) : List.of(triggers, logical)) {
        Drain d = drain(rig, b);
        log(
            "triggers: round %d, %s: start-up %.2f s, %,d changes acknowledged %.2f s after launch"
                + " (%,.0f changes/s; %,.0f from the first change; %.2f s from the last change"
                + " captured to its confirmation)",
            r,
            b.method(),
            d.startSeconds(),
            CHANGES,
            d.seconds(),
            CHANGES / d.seconds(),
            CHANGES / d.secondsAfterStart(),
            d.confirmSeconds());
        if (b.triggers) {
          t = d;
        } else {
          l = d;
        }
      }
      ratio.add(l.seconds() / t.seconds());
      ratioAfterStart.add(l.secondsAfterStart() / t.secondsAfterStart());
      triggerRate.add(CHANGES / t.seconds());
      logicalRate.add(CHANGES / l.seconds());
      triggerRateAfterStart.add(CHANGES / t.secondsAfterStart());
      logicalRateAfterStart.add(CHANGES / l.secondsAfterStart());
      triggerStart.add(t.startSeconds());
      logicalStart.add(l.startSeconds());
    }
    String what =
        "%,d changes over %,d keys written while stopped; runner jar, %s, instant destination"
            .formatted(CHANGES, KEYS, options.isEmpty() ? "the JVM's defaults" : options);
    ratio.print(
        "trigger_capture_ratio",
        "%.2f",
        "ratio (trigger capture rate / logical replication's, launch to every change"
            + " acknowledged, same round; "
            + what
            + ")");
    ratioAfterStart.print(
        "trigger_capture_ratio_after_startup",
        "%.2f",
        "ratio (the same from the first change captured)");
    triggerRate.print("trigger_capture_changes_per_s", "%.0f", "changes/s (from launch)");
    logicalRate.print("logical_capture_changes_per_s", "%.0f", "changes/s (from launch)");
    triggerRateAfterStart.print(
        "trigger_capture_changes_per_s_after_startup", "%.0f", "changes/s (from the first change)");
    logicalRateAfterStart.print(
        "logical_capture_changes_per_s_after_startup", "%.0f", "changes/s (from the first change)");
    triggerStart.print("trigger_capture_startup_s", "%.2f", "s (launch to the first change)");
    logicalStart.print("logical_capture_startup_s", "%.2f", "s (launch to the first change)");
  }

  /** A sync past its initial snapshot, stopped, and the backlog written into its table. */
  private static Backlog backlog(BenchRig rig, int round, boolean triggers) throws Exception {
    String method = triggers ? "triggers" : "logical";
    PostgresDatabase db = rig.contactsDatabase("bench_" + method + "_" + round);
    Path config =
        rig.manifest(
            "bench-" + method + "-" + round,
            db,
            triggers ? TriggerBenchmark::triggerSpec : TriggerBenchmark::spec);
    Backlog b = new Backlog(db, config, triggers, 0);
    try (BenchRunner first = rig.runner(config, b.runnerProperties(rig))) {
      first.awaitStreaming(Duration.ofMinutes(2));
      stopCleanly(first);
    }
    long start = System.nanoTime();
    new ContactsLoad(db, KEYS, CONNECTIONS).burst(CHANGES);
    long end = CoalescingBenchmark.endLsn(db);
    log(
        "triggers: round %d, %s: %,d changes written in %.1f s with the runner stopped",
        round, method, CHANGES, (System.nanoTime() - start) / 1e9);
    return new Backlog(db, config, triggers, end);
  }

  /** Starts the sync's runner alone and times it to its backlog's end; verifies what it sent. */
  private static Drain drain(BenchRig rig, Backlog b) throws Exception {
    Path records = b.records(rig);
    Files.deleteIfExists(records);
    long[] first = {0, 0}; // the first change captured, the last change captured
    long launch = System.nanoTime();
    RunnerStatus done;
    long end;
    try (BenchRunner runner = rig.runner(b.config, b.runnerProperties(rig))) {
      done =
          runner.awaitConfirmed(
              b.end,
              Duration.ofMinutes(10),
              POLL,
              s -> {
                long captured = s.counters().getChangesCaptured();
                if (first[0] == 0 && captured > 0) {
                  first[0] = System.nanoTime();
                }
                if (first[1] == 0 && captured >= CHANGES) {
                  first[1] = System.nanoTime();
                }
              });
      end = System.nanoTime();
      stopCleanly(runner);
    }
    Counters c = done.counters();
    if (c.getChangesCaptured() != CHANGES || c.getRecordErrors() != 0) {
      throw new BenchFailure(
          b.method()
              + ": captured "
              + c.getChangesCaptured()
              + " changes ("
              + CHANGES
              + " written), "
              + c.getRecordErrors()
              + " record errors");
    }
    List<Map<String, Object>> delivered =
        new ObjectMapper().readValue(records.toFile(), new TypeReference<>() {});
    long keys = StoreCheck.verify(b.db, delivered, CoalescingBenchmark.MAPPING);
    if (keys != KEYS || delivered.size() != KEYS) {
      throw new BenchFailure(
          b.method() + ": " + delivered.size() + " keys delivered, " + keys + " in the table");
    }
    if (b.triggers) {
      long left =
          b.db.queryLong(
              "SELECT count(*) FROM " + new TriggerObjects(rig.settings(b.config)).changeTable());
      if (left != 0) {
        throw new BenchFailure("triggers: " + left + " changes left in the change table");
      }
    }
    return new Drain(launch, first[0], first[1] == 0 ? end : first[1], end);
  }

  private static void stopCleanly(BenchRunner runner) {
    int exit = runner.stop(Duration.ofMinutes(1));
    if (exit != 0) {
      throw new BenchFailure("the runner exited with " + exit + " on SIGTERM");
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(format, args));
  }

  /** A sync and its backlog, up to WAL position {@code end}. */
  private record Backlog(PostgresDatabase db, Path config, boolean triggers, long end) {
    String method() {
      return triggers ? "triggers" : "logical replication";
    }

    Path records(BenchRig rig) {
      return rig.work().resolve(config.getFileName().toString().replace(".yaml", "-records.json"));
    }

    Map<String, String> runnerProperties(BenchRig rig) {
      return Map.of("sss.bench.instant", "1", "sss.bench.instant.records", records(rig).toString());
    }
  }

  /** One consumer's run, in System.nanoTime(): launch, first change captured, all acknowledged. */
  private record Drain(long launch, long first, long captured, long end) {
    double seconds() {
      return (end - launch) / 1e9;
    }

    double secondsAfterStart() {
      return (end - first) / 1e9;
    }

    /** From every change captured to its acknowledgement confirmed. */
    double confirmSeconds() {
      return (end - captured) / 1e9;
    }

    double startSeconds() {
      return (first - launch) / 1e9;
    }
  }
}

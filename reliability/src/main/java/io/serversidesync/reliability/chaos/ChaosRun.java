package io.serversidesync.reliability.chaos;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.verify.Verification;
import io.serversidesync.harness.verify.Verifier;
import io.serversidesync.reliability.net.TcpProxy;
import io.serversidesync.reliability.twoway.DestinationEditor;
import io.serversidesync.reliability.verify.TwoWayVerification;
import io.serversidesync.reliability.verify.TwoWayVerifier;
import io.serversidesync.reliability.workload.ChaosTable;
import io.serversidesync.reliability.workload.SourceWriter;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.bulk.IngestJob;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One chaos run: a fresh database and sandbox, the runner's jar as a child JVM, the writer, and —
 * in {@link Mode#STORM} — the plan's SIGKILLs, Postgres restart, destination outage and fault
 * storm. It ends when the slot has confirmed everything the writer committed, stops the runner with
 * SIGTERM and compares every key. {@link Mode#FAULT_FREE} runs the same workload undisturbed: its
 * API calls are the baseline.
 */
public final class ChaosRun {

  /** Whether the run is disturbed. */
  public enum Mode {
    STORM,
    FAULT_FREE
  }

  /**
   * One SIGKILL.
   *
   * @param number 1-based
   * @param target the moment the harness waited for
   * @param proven whether the moment was observed before the kill and confirmed after it
   * @param evidence what was observed
   */
  public record Kill(int number, KillMoment target, boolean proven, String evidence) {}

  /**
   * What a run observed.
   *
   * @param sync the sync's name
   * @param mode storm or fault-free
   * @param verification every key compared
   * @param kills the SIGKILLs
   * @param unprovenMoments targeted moments of the plan that no kill proved
   * @param apiCalls data API calls the destination received (token calls excluded)
   * @param stats the destination's counters at the end
   * @param drained whether the slot confirmed everything within the plan's drain timeout
   * @param finalExit the runner's exit code after the final SIGTERM
   * @param unexpectedExits runners that ended without being killed, with their output's tail
   * @param writerRetries writer transactions retried because Postgres went away
   * @param events what else happened (Postgres restart, outage), for the reader
   * @param elapsed the run's duration
   * @param twoWay what a two-way run checked besides, null for a one-way run
   * @param destination where the run wrote: salesforce or hubspot
   */
  public record Outcome(
      String sync,
      Mode mode,
      Verification verification,
      List<Kill> kills,
      Set<KillMoment> unprovenMoments,
      long apiCalls,
      StatsSnapshot stats,
      boolean drained,
      int finalExit,
      List<String> unexpectedExits,
      long writerRetries,
      List<String> events,
      Duration elapsed,
      TwoWayOutcome twoWay,
      String destination) {

    public boolean passed() {
      return verification.passed()
          && (twoWay == null || twoWay.passed())
          && unprovenMoments.isEmpty()
          && drained
          && finalExit == 0
          && unexpectedExits.isEmpty();
    }
  }

  /**
   * What a two-way run checked besides every key.
   *
   * @param verification the edits' and the rows' exact outcomes, and the id column
   * @param quiescence the echo-loop check at the end
   * @param editorCalls data API calls the user's edits made (not counted in the runner's)
   * @param editsGone edits given up because the writer had deleted the record
   */
  public record TwoWayOutcome(
      TwoWayVerification verification,
      Quiescence.Result quiescence,
      long editorCalls,
      long editsGone) {

    public boolean passed() {
      return verification.passed() && quiescence.quiet();
    }
  }

  private static final Duration POLL = Duration.ofMillis(50);

  private final PostgresCluster cluster;
  private final ChaosPlan plan;
  private final Mode mode;
  private final CaptureMethod capture;
  private final ChaosDestination destination;
  private final Path workDir;
  private final PrintStream out;
  private final Random random;

  private Observer observer;
  private Path config;
  private Path secrets;
  private Path logs;
  private RunnerProcess runner;
  private SourceWriter writer;
  private DestinationEditor editor;
  private int starts;
  private Set<String> jobsAtStart = Set.of();
  private long writeCallsAtStart;
  private final List<String> unexpectedExits = new ArrayList<>();
  private final List<String> events = new ArrayList<>();

  public ChaosRun(
      PostgresCluster cluster, ChaosPlan plan, Mode mode, Path workDir, PrintStream out) {
    this(cluster, plan, mode, CaptureMethod.LogicalReplication, workDir, out);
  }

  /** A run against Salesforce. */
  public ChaosRun(
      PostgresCluster cluster,
      ChaosPlan plan,
      Mode mode,
      CaptureMethod capture,
      Path workDir,
      PrintStream out) {
    this(cluster, plan, mode, capture, ChaosDestination.SALESFORCE, workDir, out);
  }

  /**
   * @param capture spec.source.capture of the sync: with triggers, "confirmed" means the change
   *     table holds no change any more
   * @param destination where the chaos table is synced to
   */
  public ChaosRun(
      PostgresCluster cluster,
      ChaosPlan plan,
      Mode mode,
      CaptureMethod capture,
      ChaosDestination destination,
      Path workDir,
      PrintStream out) {
    this.capture = capture;
    this.destination = destination;
    this.cluster = cluster;
    this.plan = plan;
    this.mode = mode;
    this.workDir = workDir;
    this.out = out;
    this.random = new Random(plan.seed() + mode.ordinal());
  }

  public Outcome run() throws Exception {
    long started = System.nanoTime();
    String suffix = HexFormat.of().toHexDigits(new SecureRandom().nextInt()).substring(0, 6);
    String kind =
        (destination == ChaosDestination.SALESFORCE ? "" : "hs-")
            + (plan.twoWay() == null ? "" : "2way-");
    String sync = (mode == Mode.STORM ? "chaos-storm-" : "chaos-calm-") + kind + suffix;
    PostgresDatabase db = cluster.createDatabase(sync.replace('-', '_'));
    String clientSecret = "chaos-secret-" + suffix;
    SandboxConfig sandboxConfig =
        SandboxConfig.builder()
            .schema(ChaosTable.sandboxSchema())
            .clientCredentials("chaos-client", clientSecret)
            .dailyApiLimit(100_000_000)
            .bulkStartDelay(Duration.ofMillis(300))
            .build();
    try (Sandbox sandbox = Sandbox.start(sandboxConfig);
        TcpProxy proxy = TcpProxy.start("127.0.0.1", sandbox.port());
        Observer watch = new Observer(db::connect, sandbox, destination, sync)) {
      observer = watch;
      // data calls go through the proxy too, so an outage cuts them off
      sandbox.advertiseUrl(proxy.url());
      db.execute(ChaosTable.DDL);
      if (plan.twoWay() != null) {
        db.execute(ChaosTable.ADD_DESTINATION_ID);
      }
      logs = workDir.resolve(sync);
      config = manifest(sync, db, proxy).write(logs.resolve("sync.yaml"));
      secrets =
          destination
              .credentials(
                  new SecretsFile()
                      .put(SyncManifest.DB_SECRET, "username", db.user())
                      .put(SyncManifest.DB_SECRET, "password", db.password()),
                  "chaos-client",
                  clientSecret)
              .write(logs.resolve("secrets.yaml"));
      writer =
          new SourceWriter(
              db::connect,
              new SourceWriter.Settings(
                  plan.keys(),
                  plan.changes(),
                  plan.writerThreads(),
                  plan.changesPerSecond(),
                  plan.burstEvery(),
                  plan.burstSize(),
                  0.01,
                  10,
                  plan.seed(),
                  plan.twoWay() == null ? 0 : plan.twoWay().quietKeys(),
                  true));
      editor = plan.twoWay() == null ? null : editor(sandbox, db, sync);
      writer.initialLoad();
      if (mode == Mode.STORM) {
        sandbox.setFaults(plan.storm());
      }
      out.printf(
          "  %s: %,d keys loaded; runner starting; writer at %,.0f changes/s; logs in %s%n",
          sync, plan.keys(), plan.changesPerSecond(), logs);
      startRunner();
      writer.start();
      if (editor != null) {
        editor.start();
      }
      List<Kill> kills = new ArrayList<>();
      if (mode == Mode.STORM) {
        disturb(sandbox, proxy, kills);
      }
      while (!writer.finished()) {
        idle(Duration.ofMillis(500));
      }
      writer.awaitFinished();
      if (editor != null) {
        editor.finish();
        out.printf(
            "  destination editor done: %d edits (%d confirmed on the record they were made on),"
                + " %d records already deleted%n",
            editor.edits().size(),
            editor.edits().stream().filter(e -> e.confirmed()).count(),
            editor.gone());
      }
      boolean drained = drain();
      Quiescence.Result quiet = editor == null ? null : awaitQuiet();
      int exit = runner.terminate(Duration.ofSeconds(60));
      out.printf("  runner stopped with SIGTERM: exit %d%n", exit);
      Verification verification;
      try (Connection c = db.connect()) {
        verification =
            new Verifier(destination.mapping())
                .verify(
                    ChaosTable.refs(plan.keys()),
                    ChaosTable.rows(c),
                    destination.records(sandbox),
                    c,
                    sync);
      }
      TwoWayOutcome twoWay = null;
      if (editor != null) {
        try (Connection c = db.connect()) {
          TwoWayVerification checked =
              TwoWayVerifier.verify(c, sandbox, plan.keys(), writer.ledger(), editor.edits());
          twoWay = new TwoWayOutcome(checked, quiet, editor.apiCalls(), editor.gone());
        }
      }
      StatsSnapshot stats = sandbox.stats();
      Set<KillMoment> unproven = EnumSet.noneOf(KillMoment.class);
      for (KillMoment m : plan.kills()) {
        if (mode == Mode.STORM && m != KillMoment.RANDOM) {
          unproven.add(m);
        }
      }
      kills.stream().filter(Kill::proven).forEach(k -> unproven.remove(k.target()));
      return new Outcome(
          sync,
          mode,
          verification,
          List.copyOf(kills),
          unproven,
          destination.apiCalls(stats) - (twoWay == null ? 0 : twoWay.editorCalls()),
          stats,
          drained,
          exit,
          List.copyOf(unexpectedExits),
          writer.retries(),
          List.copyOf(events),
          Duration.ofNanos(System.nanoTime() - started),
          twoWay,
          destination.name());
    } finally {
      if (editor != null) {
        editor.close();
      }
      if (runner != null) {
        runner.close();
      }
      cluster.dropDatabase(db.name());
    }
  }

  private SyncManifest manifest(String sync, PostgresDatabase db, TcpProxy proxy) {
    SyncManifest m =
        new SyncManifest(sync)
            .postgres(db.host(), db.port(), db.name())
            .table(ChaosTable.TABLE, ChaosTable.KEY)
            .capture(capture)
            .deletes(DeletePolicy.Delete)
            .batching(b -> b.setMaxRecords(plan.maxRecords()))
            .batching(b -> b.setMaxDelay("2s"))
            .batching(
                b -> b.setBulkThreshold(plan.bulkThreshold() > 0 ? plan.bulkThreshold() : null))
            .rateLimit(r -> r.setRequestsPerSecond(destination.requestsPerSecond()))
            .rateLimit(r -> r.setMaxConcurrent(4));
    destination.configure(m, proxy.url());
    if (plan.twoWay() != null) {
      m.twoWay(
          plan.twoWay().pollInterval().toSeconds() + "s",
          ChaosTable.DESTINATION_ID,
          ConflictPolicy.SourceWins);
    }
    return m;
  }

  private DestinationEditor editor(Sandbox sandbox, PostgresDatabase db, String sync) {
    ChaosPlan.TwoWay t = plan.twoWay();
    return new DestinationEditor(
        sandbox,
        db::connect,
        sync,
        new DestinationEditor.Settings(
            t.edits(),
            t.editsPerSecond(),
            plan.keys(),
            t.quietKeys(),
            t.quietEdits(),
            t.supersededEdits(),
            plan.seed()),
        writer::writeAgain);
  }

  /** The echo-loop check: once both sides are still, three polls pass without a write. */
  private Quiescence.Result awaitQuiet() {
    Quiescence.Result result =
        Quiescence.await(
            () -> runner.probe().status(),
            observer::writeCalls,
            () -> idle(Duration.ofMillis(250)),
            plan.twoWay().quiescenceTimeout());
    out.printf(
        result.quiet()
            ? "  quiet after %.1f s: %d polls without a forward write or a reverse apply%n"
            : "  NOT QUIET within %.0f s: still %d forward writes and %d rows applied over the"
                + " last polls%n",
        result.waited().toMillis() / 1000.0,
        result.quiet() ? result.polls() : result.forwardWrites(),
        result.rowsApplied());
    return result;
  }

  /** The plan's steps, each once the writer has committed its share of the changes. */
  private void disturb(Sandbox sandbox, TcpProxy proxy, List<Kill> kills) {
    int number = 0;
    for (ChaosPlan.Step step : plan.steps()) {
      awaitProgress(step.atProgress());
      switch (step.action()) {
        case KILL -> kills.add(kill(++number, step.moment()));
        case RESTART_POSTGRES -> {
          awaitStreaming();
          restartPostgres();
        }
        case DESTINATION_OUTAGE -> {
          awaitStreaming();
          outage(proxy);
        }
        case STORM_CHANGE -> {
          sandbox.setFaults(step.faults());
          sandbox.startRateLimitBurst(step.burstNow());
          String event =
              "storm now "
                  + step.description()
                  + (step.burstNow() > 0
                      ? ", 429 for the next " + step.burstNow() + " call(s)"
                      : "");
          events.add(event);
          out.println("  " + event);
        }
      }
    }
  }

  private void awaitProgress(double share) {
    long target = plan.keys() + (long) Math.ceil(share * (plan.changes() - plan.keys()));
    while (writer.committed() < target && !writer.finished()) {
      idle(Duration.ofMillis(100));
    }
  }

  /** Waits until the runner streams and is ready, so a disturbance meets it at work. */
  private void awaitStreaming() {
    awaitStreaming(plan.momentTimeout());
  }

  private void awaitStreaming(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      watchRunner();
      var status = runner.probe().status();
      if (status.isPresent()
          && status.get().path("ready").asBoolean()
          && status.get().path("phase").asText().equals("Streaming")) {
        return;
      }
      pause(Duration.ofMillis(100));
    }
  }

  private Kill kill(int number, KillMoment target) {
    if (target.whileStreaming()) {
      // a snapshot redone after a kill can take a minute under the storm; the moment's own wait
      // starts once the runner streams
      awaitStreaming(plan.drainTimeout());
    }
    long deadline = System.nanoTime() + plan.momentTimeout().toNanos();
    String seen = null;
    long boundSeen = 0;
    long seqAtMomentStart = maxSeqInDestination();
    while (seen == null && System.nanoTime() < deadline) {
      watchRunner();
      try {
        switch (target) {
          case SNAPSHOT -> {
            if (runner.probe().phase().equals("Snapshotting")
                && observer.writeCalls() > writeCallsAtStart) {
              seen = "phase Snapshotting, snapshot partly written";
            }
          }
          case BULK_JOB -> {
            Optional<IngestJob> job = observer.unfinishedJobBesides(jobsAtStart);
            if (job.isPresent() && runner.probe().phase().equals("Streaming")) {
              seen = "Bulk job " + job.get().id() + " was " + job.get().progress().state();
            }
          }
          case ACK_BEFORE_CONFIRM -> {
            if (capture == CaptureMethod.Triggers) {
              // acknowledged changes leave the change table after the ack: kill while the
              // destination takes writes and changes wait there
              long pending = observer.pendingChanges();
              long seq = observer.maxSeqInDestination();
              if (seq > seqAtMomentStart
                  && pending > 0
                  && runner.probe().phase().equals("Streaming")) {
                seen =
                    "destination acknowledged seq "
                        + seq
                        + " with "
                        + pending
                        + " change(s)"
                        + " in the change table";
              }
              break;
            }
            long confirmed = observer.slotConfirmed();
            long seq = observer.maxSeqInDestination();
            long bound = writer.lsns().lowerBound(seq);
            if (bound > confirmed && confirmed > 0 && runner.probe().phase().equals("Streaming")) {
              seen = "destination acknowledged seq " + seq;
              boundSeen = bound;
            }
          }
          case RANDOM -> {
            idle(
                Duration.ofMillis(
                    200 + (long) (random.nextDouble() * plan.randomDelayMax().toMillis())));
            seen = "phase " + runner.probe().phase();
          }
        }
      } catch (Observer.PostgresAway e) {
        // observed again on the next round
      }
      if (seen == null) {
        pause(POLL);
      }
    }
    int exit = runner.kill();
    boolean proven = seen != null;
    String evidence = seen == null ? "moment not seen within " + plan.momentTimeout() : seen;
    if (proven && target == KillMoment.SNAPSHOT) {
      proven = !observer.snapshotCompleted();
      evidence +=
          proven ? "; after the kill the snapshot is not marked complete" : "; but it completed";
    }
    if (proven && target == KillMoment.ACK_BEFORE_CONFIRM && capture == CaptureMethod.Triggers) {
      long pending = observer.pendingChanges();
      proven = pending > 0;
      evidence += "; " + pending + " change(s) still in the change table after the kill";
    } else if (proven && target == KillMoment.ACK_BEFORE_CONFIRM) {
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (observer.slotActive() && System.nanoTime() < until) {
        pause(POLL);
      }
      long confirmed = observer.slotConfirmed();
      proven = boundSeen > confirmed;
      evidence +=
          String.format(
              " (committed after %s), slot confirmed %s after the kill",
              lsn(boundSeen), lsn(confirmed));
    }
    out.printf(
        "  kill %d/%d %s (SIGKILL, exit %d): %s — %s%n",
        number,
        plan.kills().size(),
        target.description(),
        exit,
        proven ? "proven" : "NOT PROVEN",
        evidence);
    pause(Duration.ofMillis((long) (random.nextDouble() * 1000)));
    startRunner();
    return new Kill(number, target, proven, evidence);
  }

  private void restartPostgres() {
    long t0 = System.nanoTime();
    cluster.restart();
    double seconds = (System.nanoTime() - t0) / 1e9;
    String event = String.format("Postgres restarted (pg_ctl restart -m fast, %.1f s)", seconds);
    events.add(event);
    out.println("  " + event);
  }

  private void outage(TcpProxy proxy) {
    long writesBefore = observer.writeCalls();
    proxy.down();
    long t0 = System.nanoTime();
    long end = t0 + plan.outage().toNanos();
    String notReady = null;
    while (System.nanoTime() < end) {
      watchRunner();
      if (notReady == null) {
        var status = runner.probe().status();
        if (status.isPresent() && !status.get().path("ready").asBoolean(true)) {
          notReady =
              String.format(
                  "not ready after %.1f s (%s: %s)",
                  (System.nanoTime() - t0) / 1e9,
                  status.get().path("reason").asText(),
                  status.get().path("message").asText());
        }
      }
      pause(Duration.ofMillis(250));
    }
    proxy.up();
    long t1 = System.nanoTime();
    long recoverBy = t1 + Duration.ofMinutes(3).toNanos();
    // back when it writes again, or says it is ready again (nothing may have been pending)
    while (observer.writeCalls() <= writesBefore
        && !runner.probe().ready()
        && System.nanoTime() < recoverBy) {
      watchRunner();
      pause(Duration.ofMillis(100));
    }
    String event =
        String.format(
            "destination off the network for %d s: runner %s; back %.1f s after the network"
                + " was",
            plan.outage().toSeconds(),
            notReady == null ? "never reported not ready" : notReady,
            (System.nanoTime() - t1) / 1e9);
    events.add(event);
    out.println("  " + event);
  }

  private boolean drain() {
    long target;
    while (true) {
      try {
        target = observer.walInsertLsn();
        break;
      } catch (Observer.PostgresAway e) {
        pause(Duration.ofMillis(200));
      }
    }
    out.printf(
        "  writer done: %,d changes committed (%d transactions retried); draining to %s%n",
        writer.committed(), writer.retries(), lsn(target));
    long t0 = System.nanoTime();
    long deadline = t0 + plan.drainTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      watchRunner();
      try {
        if (capture == CaptureMethod.Triggers
            ? observer.pendingChanges() == 0
            : Long.compareUnsigned(observer.slotConfirmed(), target) >= 0) {
          out.printf("  drained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
          return true;
        }
      } catch (Observer.PostgresAway e) {
        // retried below
      }
      pause(Duration.ofMillis(200));
    }
    out.printf("  NOT DRAINED within %s%n", plan.drainTimeout());
    return false;
  }

  private long maxSeqInDestination() {
    try {
      return observer.maxSeqInDestination();
    } catch (Observer.PostgresAway e) {
      return 0;
    }
  }

  private void startRunner() {
    starts++;
    jobsAtStart = observer.bulkJobIds();
    writeCallsAtStart = observer.writeCalls();
    runner =
        RunnerProcess.start(
            RunnerCommand.run(config, secrets, logs.resolve("runner-" + starts + ".log"))
                .withStopGrace(Duration.ZERO));
  }

  /** A runner that ended without being killed is a finding; it is started again, like a pod. */
  private void watchRunner() {
    if (runner.isAlive()) {
      return;
    }
    String output = runner.output();
    String tail = output.substring(Math.max(0, output.length() - 2000));
    String finding =
        "runner " + starts + " exited by itself with " + runner.exitValue() + ": " + tail;
    unexpectedExits.add(finding);
    out.println("  UNEXPECTED: " + finding);
    pause(Duration.ofSeconds(1));
    startRunner();
  }

  /** Waits, keeping an eye on the runner. */
  private void idle(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      watchRunner();
      pause(Duration.ofMillis(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
    }
  }

  private static void pause(Duration d) {
    try {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String lsn(long value) {
    return Long.toHexString(value >>> 32).toUpperCase()
        + "/"
        + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
  }
}

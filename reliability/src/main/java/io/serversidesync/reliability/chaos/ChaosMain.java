package io.serversidesync.reliability.chaos;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.harness.RepoFiles;
import io.serversidesync.harness.postgres.PostgresCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make chaos}: the runner under SIGKILLs, a Postgres restart, a destination outage and a
 * fault storm, then every key verified; then the same workload fault-free for the API-call
 * baseline. Prints the CHAOS line; exit code 0 only when nothing was lost or different.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = "Kills, restarts and a fault storm against a running sync; verifies every key.")
public final class ChaosMain implements Callable<Integer> {

  @Option(
      names = "--scale",
      defaultValue = "full",
      description = "full (200,000 changes, 10 kills, 2-minute outage) or bounded (make test's).")
  String scale;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice.")
  long seed;

  @Option(names = "--keys", description = "Distinct keys (default: the scale's).")
  Integer keys;

  @Option(names = "--changes", description = "Changes in total (default: the scale's).")
  Integer changes;

  @Option(
      names = "--outage-seconds",
      description = "How long the destination is off the network (default: the scale's).")
  Integer outageSeconds;

  @Option(
      names = "--no-baseline",
      description = "Skip the fault-free run (api_calls_fault_free=-).")
  boolean noBaseline;

  @Option(
      names = "--two-way",
      description =
          "Two-way on (SourceWins) with destination edits during the storm; prints the CHAOS"
              + " two_way line instead (no baseline run).")
  boolean twoWay;

  @Option(
      names = "--capture",
      defaultValue = "logical",
      description = "logical (a slot) or triggers (spec.source.capture: Triggers).")
  String capture;

  @Option(
      names = "--destination",
      defaultValue = "salesforce",
      description =
          "salesforce or hubspot (the sandbox's HubSpot API: kills, 5xx and 429 bursts of both"
              + " burst policies; no Bulk job, no token expiry).")
  String destination;

  @Option(names = "--work-dir", defaultValue = ".chaos", description = "Manifests and runner logs.")
  Path workDir;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChaosMain()).execute(args));
  }

  /** ", a Postgres restart, the destination off the network for N s", as far as the plan has. */
  private static String restartAndOutage(ChaosPlan plan) {
    boolean restart =
        plan.steps().stream().anyMatch(s -> s.action() == ChaosPlan.Action.RESTART_POSTGRES);
    boolean outage =
        plan.steps().stream().anyMatch(s -> s.action() == ChaosPlan.Action.DESTINATION_OUTAGE);
    return (restart ? ", a Postgres restart" : "")
        + (outage
            ? (restart ? "," : "")
                + " the destination off the network for "
                + plan.outage().toSeconds()
                + " s"
            : "");
  }

  @Override
  public Integer call() throws Exception {
    ChaosPlan plan =
        switch (scale) {
          case "full" -> ChaosPlan.full(seed);
          case "bounded" -> ChaosPlan.bounded(seed);
          default ->
              throw new CommandLine.ParameterException(
                  new CommandLine(this), "--scale is full or bounded, not " + scale);
        };
    if (twoWay) {
      plan = scale.equals("full") ? ChaosPlan.twoWayFull(seed) : ChaosPlan.twoWayBounded(seed);
    }
    ChaosDestination target;
    try {
      target = ChaosDestination.named(destination);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    if (target == ChaosDestination.HUBSPOT) {
      if (twoWay) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--two-way runs against Salesforce only");
      }
      plan = scale.equals("full") ? HubSpotPlans.full(seed) : HubSpotPlans.bounded(seed);
    }
    if (keys != null || changes != null) {
      plan =
          plan.withSize(
              keys == null ? plan.keys() : keys, changes == null ? plan.changes() : changes);
    }
    if (outageSeconds != null) {
      plan = plan.withOutage(Duration.ofSeconds(outageSeconds));
    }
    CaptureMethod method =
        switch (capture) {
          case "logical" -> CaptureMethod.LogicalReplication;
          case "triggers" -> CaptureMethod.Triggers;
          default ->
              throw new CommandLine.ParameterException(
                  new CommandLine(this), "--capture is logical or triggers, not " + capture);
        };
    Path dir = RepoFiles.root().resolve(workDir);
    RepoFiles.runnerJar();
    out.printf(
        "==> chaos (%s%s%s%s): %,d changes over %,d keys; %d SIGKILLs%s; storm %s%n",
        plan.scale(),
        target == ChaosDestination.SALESFORCE ? "" : ", " + target.name(),
        twoWay ? ", two-way with destination edits" : "",
        method == CaptureMethod.Triggers ? ", capture with triggers" : "",
        plan.changes(),
        plan.keys(),
        plan.kills().size(),
        restartAndOutage(plan),
        plan.storm());
    PostgresCluster cluster = PostgresCluster.start();
    AtomicBoolean closed = new AtomicBoolean();
    Runnable cleanUp =
        () -> {
          if (closed.compareAndSet(false, true)) {
            // Ctrl-C: the runner JVMs are our children and would outlive us
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            cluster.close();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, "chaos-cleanup"));
    try {
      if (twoWay) {
        ChaosRun.Outcome run =
            new ChaosRun(cluster, plan, ChaosRun.Mode.STORM, method, target, dir, out).run();
        ChaosReport.details(run, out);
        out.println(ChaosReport.twoWayLine(run));
        return run.passed() ? 0 : 1;
      }
      ChaosRun.Outcome storm =
          new ChaosRun(cluster, plan, ChaosRun.Mode.STORM, method, target, dir, out).run();
      ChaosReport.details(storm, out);
      ChaosRun.Outcome baseline = null;
      if (!noBaseline) {
        out.println("==> the same workload without faults, kills or restarts (API-call baseline)");
        baseline =
            new ChaosRun(cluster, plan, ChaosRun.Mode.FAULT_FREE, method, target, dir, out).run();
        ChaosReport.details(baseline, out);
      }
      out.println(ChaosReport.line(storm, baseline));
      return ChaosReport.passed(storm, baseline) ? 0 : 1;
    } finally {
      cleanUp.run();
    }
  }
}

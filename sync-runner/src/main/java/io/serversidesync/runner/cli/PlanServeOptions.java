package io.serversidesync.runner.cli;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.status.RunnerMetrics;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.StatusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code plan --serve}: the operator's dry-run pod. The estimate goes on /status, the channel the
 * operator already reads for every runner, so the operator needs no access to Postgres or the
 * destination: it copies the runner's plan into status.plan. Made again every {@code --every}; a
 * failure (no statistics yet, credentials refused) is reported as phase Failed with its reason and
 * tried again after 30 s.
 */
final class PlanServeOptions {

  private static final Logger log = LoggerFactory.getLogger(PlanServeOptions.class);

  static final String DRY_RUN = "DryRun";
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(30);

  /** Makes one plan. */
  @FunctionalInterface
  interface Attempt {
    PlanRun.Result plan() throws UserFixable, InterruptedException;
  }

  @Option(
      names = "--serve",
      description =
          "Keep running: serve the estimate on /status (the operator's dry-run pods) and make it"
              + " again every --every, until SIGTERM.")
  boolean serve;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      converter = PlanCommand.DurationConverter.class,
      description = "With --serve, how often the estimate is made again. Default: ${DEFAULT-VALUE}")
  Duration every = Duration.ofMinutes(30);

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description = "With --serve, the port of /status. Default: ${DEFAULT-VALUE}")
  int statusPort = RunnerContract.STATUS_PORT;

  @Option(
      names = "--status-address",
      paramLabel = "ADDRESS",
      description = "With --serve, the address /status binds to. Default: ${DEFAULT-VALUE}")
  String statusAddress = "127.0.0.1";

  int serveUntilStopped(RunnerState state, Attempt attempt, PrintWriter err) {
    state.phase(Phase.Pending, false, DRY_RUN, "dry run: estimating what the sync will cost");
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "plan-sigterm");
    Runtime.getRuntime().addShutdownHook(hook);
    try (StatusServer status =
        StatusServer.start(statusAddress, statusPort, state, new RunnerMetrics(state))) {
      log.info(
          "dry run: the plan is served on port {} ({})", status.port(), RunnerContract.STATUS_PATH);
      Duration next;
      do {
        next = every;
        try {
          PlanRun.Result result = attempt.plan();
          state.plan(PlanReport.status(result, Instant.now()));
          String summary = PlanReport.summary(result.estimate());
          state.phase(Phase.Pending, true, DRY_RUN, "dry run, nothing is written: " + summary);
          log.info("plan: {}", summary);
        } catch (UserFixable e) {
          state.phase(Phase.Failed, false, e.reason(), e.getMessage());
          log.warn("no plan: {}", e.getMessage());
          next = AFTER_FAILURE;
        }
      } while (!stop.await(next.toMillis(), TimeUnit.MILLISECONDS));
      return ExitCodes.OK;
    } catch (IOException e) {
      err.println("error: cannot serve status on port " + statusPort + ": " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting anyway
      }
    }
  }
}

package io.serversidesync.runner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationRegistry;
import io.serversidesync.runner.engine.EngineFailure;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.engine.SyncEngine;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.status.RunnerMetrics;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import io.serversidesync.runner.status.StatusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: streams the sync until SIGTERM. */
@Command(
    name = "run",
    description = "Run the sync: capture changes, coalesce, write them to the destination.",
    mixinStandardHelpOptions = true)
public final class RunCommand implements java.util.concurrent.Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions config;

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description =
          "Port of /status, /metrics, /healthz and /readyz (0: any free port). Default: ${DEFAULT-VALUE}")
  int statusPort = RunnerContract.STATUS_PORT;

  @Option(
      names = "--status-address",
      paramLabel = "ADDRESS",
      description =
          "Address the status port binds to: loopback by default, so a runner started by hand"
              + " shows its status and metrics to this machine only; 0.0.0.0 for every interface"
              + " (the operator's pods). Default: ${DEFAULT-VALUE}")
  String statusAddress = "127.0.0.1";

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "SECONDS",
      description =
          "On SIGTERM, how long to deliver what is pending before giving up. Default: ${DEFAULT-VALUE}")
  int shutdownTimeoutSeconds = 25;

  @Option(
      names = "--on-failure",
      paramLabel = "exit|stay",
      description =
          "A failure only the user can fix (preflight, a mapping the destination refuses): exit"
              + " with its code, or stay up reporting it on /status (phase Failed) and check again"
              + " after 30 s, then up to every 5 minutes (the operator's pods use stay)."
              + " Default: ${DEFAULT-VALUE}")
  FailureSupervisor.OnFailure onFailure = FailureSupervisor.OnFailure.EXIT;

  private static final Duration FIRST_CHECK_AGAIN = Duration.ofSeconds(30);
  private static final Duration LAST_CHECK_AGAIN = Duration.ofMinutes(5);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    LoadedSync loaded;
    try {
      loaded = config.load();
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    ServerSideSync manifest = loaded.manifest();
    MDC.put("sync", loaded.settings().name());
    applyLogLevel(manifest);
    DestinationProvider provider;
    try {
      provider = DestinationRegistry.select(manifest, DestinationRegistry.installed());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      terminationMessage(e.getMessage());
      return ExitCodes.DESTINATION_REJECTED;
    }
    JvmMemory memory = JvmMemory.current();
    log.info("JVM: {}", memory.describe());
    memory.advice().ifPresent(log::warn);
    RunnerState state = new RunnerState(loaded.settings().name());
    if (loaded.settings().twoWay() != null) {
      state.enableReverse();
    }
    RunnerMetrics metrics = new RunnerMetrics(state);
    try (StatusServer status = StatusServer.start(statusAddress, statusPort, state, metrics)) {
      log.info(
          "status on port {} ({}, bound to {})",
          status.port(),
          RunnerContract.STATUS_PATH,
          status.address().getAddress().getHostAddress());
      FailureSupervisor supervisor =
          new FailureSupervisor(state, onFailure, FIRST_CHECK_AGAIN, LAST_CHECK_AGAIN);
      AtomicReference<SyncEngine> current = new AtomicReference<>();
      ReplayAnnotationWatcher watcher =
          new ReplayAnnotationWatcher(
              config.config,
              loaded.settings().replayErrorsRequest(),
              value -> {
                SyncEngine engine = current.get();
                if (engine != null) {
                  engine.requestReplay(value);
                }
              },
              5000);
      try {
        return runUntilStopped(
            supervisor,
            () -> {
              try (Destination destination = create(provider, manifest, loaded, state)) {
                SyncEngine engine =
                    new SyncEngine(loaded.settings(), destination, state, EngineOptions.DEFAULT);
                current.set(engine);
                supervisor.onStop(engine::stop);
                engine.run();
              } catch (PreflightException e) {
                throw userFixable(ExitCodes.PREFLIGHT_FAILED, "PreflightFailed", e);
              } catch (EngineFailure e) {
                throw userFixable(ExitCodes.DESTINATION_REJECTED, e.reason(), e);
              }
            },
            state.sync(),
            err);
      } finally {
        watcher.close();
      }
    } catch (IOException e) {
      err.println("error: cannot serve status on port " + statusPort + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  private static Destination create(
      DestinationProvider provider, ServerSideSync manifest, LoadedSync loaded, RunnerState state)
      throws UserFixable {
    try {
      return provider.create(manifest, loaded.secrets(), new RunnerTelemetry(state));
    } catch (DestinationException e) {
      // a Secret or key that does not exist is the same class of error whichever part reads it
      int exit =
          RunnerReasons.SECRET_KEY_MISSING.equals(e.reason())
              ? ExitCodes.INVALID_CONFIG
              : ExitCodes.DESTINATION_REJECTED;
      throw userFixable(exit, e.reason(), e);
    }
  }

  /** The failure as the status shows it, and as Kubernetes shows a container's last words. */
  private static UserFixable userFixable(int exitCode, String reason, Exception e) {
    terminationMessage(e.getMessage());
    return new UserFixable(exitCode, reason, e.getMessage(), e);
  }

  private int runUntilStopped(
      FailureSupervisor supervisor,
      FailureSupervisor.Attempt attempt,
      String sync,
      PrintWriter err) {
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger exit = new AtomicInteger(ExitCodes.OK);
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              MDC.put("sync", sync);
              log.info(
                  "SIGTERM: stopping (up to {} s to deliver what is pending)",
                  shutdownTimeoutSeconds);
              supervisor.stop();
              boolean drained = await(finished, Duration.ofSeconds(shutdownTimeoutSeconds));
              if (!drained) {
                log.warn(
                    "pending changes not delivered within {} s; they are not confirmed and will be"
                        + " delivered by the next run",
                    shutdownTimeoutSeconds);
                main.interrupt();
                await(finished, Duration.ofSeconds(5));
              }
              int code = drained ? exit.get() : ExitCodes.FAILED;
              ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
              // halt, not exit: we are in a shutdown hook, and the JVM would report 143 for SIGTERM
              Runtime.getRuntime().halt(code);
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      exit.set(supervisor.run(attempt));
      if (exit.get() != ExitCodes.OK) {
        err.println("error: " + supervisor.lastFailure());
      }
      return exit.get();
    } catch (InterruptedException e) {
      exit.set(ExitCodes.FAILED);
      return ExitCodes.FAILED;
    } catch (RuntimeException e) {
      log.error("the runner failed", e);
      err.println("error: " + e.getMessage());
      exit.set(ExitCodes.FAILED);
      return ExitCodes.FAILED;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and will halt with the exit code
      }
    }
  }

  private static boolean await(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void applyLogLevel(ServerSideSync manifest) {
    if (manifest.getSpec().getRunner() != null
        && manifest.getSpec().getRunner().getLogLevel() != null) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.toLevel(manifest.getSpec().getRunner().getLogLevel().name()));
    }
  }

  /** Kubernetes shows this file's text as the container's termination message. */
  private static void terminationMessage(String message) {
    Path file = Path.of("/dev/termination-log");
    if (Files.isWritable(file)) {
      try {
        Files.writeString(file, message);
      } catch (IOException e) {
        log.debug("cannot write the termination message: {}", e.getMessage());
      }
    }
  }
}

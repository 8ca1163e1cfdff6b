package io.serversidesync.runner.bench;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.harness.runner.RunnerCommand;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import io.serversidesync.runner.pg.Lsn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real runner in its own JVM (started by the harness, {@code run --config … --secrets …}), read
 * through its status port as the operator reads it, with the waits a benchmark needs. Output goes
 * to a log file.
 */
final class BenchRunner implements AutoCloseable {

  private final RunnerProcess process;
  private final StatusProbe probe;

  private BenchRunner(RunnerProcess process) {
    this.process = process;
    this.probe = process.probe();
  }

  /**
   * Starts the runner's main class on {@code classPath} with {@code jvmOptions}.
   *
   * @param classPath the runner jar, optionally preceded by benchmark classes
   */
  static BenchRunner start(
      String classPath, List<String> jvmOptions, Path config, Path secrets, Path log) {
    return new BenchRunner(
        RunnerProcess.start(
            RunnerCommand.run(config, secrets, log)
                .withJvmOptions(jvmOptions)
                .withClassPath(classPath)
                .withAppendLog(true)));
  }

  /** Waits until the runner streams and is ready. */
  BenchRunner awaitStreaming(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      RunnerStatus s = probe.runnerStatus().orElse(null);
      if (s != null && s.ready() && s.phase() != null && s.phase().name().equals("Streaming")) {
        return this;
      }
      check(deadline, "reach Streaming");
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /**
   * Waits until the runner has confirmed {@code lsn}: every change up to it is acknowledged by the
   * destination (or recorded as an error). Returns the status at that moment.
   */
  RunnerStatus awaitConfirmed(long lsn, Duration timeout, StatusListener progress)
      throws InterruptedException {
    return awaitConfirmed(lsn, timeout, Duration.ofMillis(100), progress);
  }

  /**
   * As {@link #awaitConfirmed(long, Duration, StatusListener)}, looking every {@code poll} (each
   * look costs the runner a status request).
   */
  RunnerStatus awaitConfirmed(long lsn, Duration timeout, Duration poll, StatusListener progress)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      RunnerStatus s = probe.runnerStatus().orElse(null);
      if (s != null) {
        progress.seen(s);
        if (s.confirmedLsn() != null
            && Long.compareUnsigned(Lsn.parse(s.confirmedLsn()), lsn) >= 0) {
          return s;
        }
      }
      check(deadline, "confirm " + Lsn.format(lsn));
      TimeUnit.NANOSECONDS.sleep(poll.toNanos());
    }
  }

  RunnerStatus status() throws IOException {
    return probe.currentStatus();
  }

  /** The flushes (epochs) delivered so far, from /metrics. */
  long flushes() throws IOException {
    return probe
        .metric("serversidesync_flushes_total")
        .map(Double::longValue)
        .orElseThrow(() -> new IOException("/metrics has no serversidesync_flushes_total"));
  }

  /** The runner process's peak resident memory so far (VmHWM), in MiB. */
  long peakRssMb() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("/proc/" + process.pid() + "/status has no VmHWM");
  }

  private void check(Instant deadline, String what) {
    if (!process.isAlive()) {
      throw new BenchFailure(
          "the runner exited with code "
              + process.exitValue()
              + " before it could "
              + what
              + "; see "
              + process.log());
    }
    if (Instant.now().isAfter(deadline)) {
      throw new BenchFailure("the runner did not " + what + " in time; see " + process.log());
    }
  }

  /** SIGTERM; the runner delivers what is pending, confirms and exits. Returns its exit code. */
  int stop(Duration timeout) {
    return process.terminate(timeout);
  }

  @Override
  public void close() {
    process.close();
  }

  /** Sees every status read while waiting (progress lines). */
  interface StatusListener {
    void seen(RunnerStatus status);
  }
}

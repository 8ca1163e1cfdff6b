package io.serversidesync.reliability.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runner's shaded jar as a child JVM, exactly as a pod runs it: {@code run --config --secrets
 * --status-port}. Output (the runner logs on stderr) goes to a file. {@link #kill()} is SIGKILL,
 * {@link #terminate} SIGTERM.
 */
public final class RunnerProcess implements AutoCloseable {

  /** JVM options of a runner pod on a small node (see docs/runner.md, Sizing). */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  private final Process process;
  private final Path log;
  private final StatusProbe probe;

  private RunnerProcess(Process process, Path log, int statusPort) {
    this.process = process;
    this.log = log;
    this.probe = new StatusProbe(statusPort);
  }

  /** Starts {@code run} with the files and a free status port; output goes to {@code log}. */
  public static RunnerProcess start(Path config, Path secrets, Path log) {
    int port = freePort();
    List<String> args =
        List.of(
            "run",
            "--config",
            config.toString(),
            "--secrets",
            secrets.toString(),
            "--status-port",
            Integer.toString(port));
    return new RunnerProcess(launch(args, log), log, port);
  }

  /** Runs another command of the jar (cleanup, errors list …) to its end. */
  public static Result runToEnd(List<String> args, Path log, Duration timeout) {
    Process process = launch(args, log);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "sync-runner " + String.join(" ", args) + " did not end within " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(log));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running sync-runner", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The exit code and the whole output (stdout and stderr) of a command.
   *
   * @param exitCode the process's exit code
   * @param output what it printed
   */
  public record Result(int exitCode, String output) {}

  private static Process launch(List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(RepoFiles.java());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(RepoFiles.runnerJar().toString());
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the runner: " + command, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  public StatusProbe probe() {
    return probe;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The exit code once it ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL (no shutdown hook runs) and waits for the process to be gone; its exit code. */
  public int kill() {
    process.destroyForcibly();
    return waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM and waits; the exit code, or -1 if it had to be killed after {@code timeout}. */
  public int terminate(Duration timeout) {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
    return -1;
  }

  private int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("runner " + process.pid() + " did not end");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the runner", e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}

package io.serversidesync.harness.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner as a child JVM, the closest thing to a pod this machine has: its own process, its own
 * connections, SIGTERM to stop, SIGKILL to crash, exit codes. A thread copies its output to the log
 * file and watches it for the line naming the status port ({@code status on port N}) and for the
 * last {@code error:} line, so nothing waits by sleeping: a start waits for that line or for the
 * process's end. This is the only place that launches the runner; demo, chaos, benchmarks and the
 * end-to-end tests all come through here.
 */
public final class RunnerProcess implements AutoCloseable {

  private static final Pattern STATUS_PORT = Pattern.compile("status on port (\\d+)");

  private final RunnerCommand command;
  private final Process process;
  private final CompletableFuture<Integer> statusPort = new CompletableFuture<>();
  private final CompletableFuture<Void> outputDone = new CompletableFuture<>();
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  private RunnerProcess(RunnerCommand command, Process process) {
    this.command = command;
    this.process = process;
    if (command.statusPort() > 0) {
      statusPort.complete(command.statusPort());
    }
  }

  /** Starts the command; its output goes to the command's log. */
  public static RunnerProcess start(RunnerCommand command) {
    try {
      Path parent = command.log().toAbsolutePath().getParent();
      Files.createDirectories(parent);
      ProcessBuilder builder = new ProcessBuilder(command.commandLine()).redirectErrorStream(true);
      if (command.launcher() != null) {
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("SSS_JAVA_OPTS");
        command.launcher().environment().forEach(env::put);
      }
      Process process = builder.start();
      RunnerProcess runner = new RunnerProcess(command, process);
      Thread copier = new Thread(runner::copyOutput, "runner-output-" + process.pid());
      copier.setDaemon(true);
      copier.start();
      return runner;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the runner: " + command.commandLine(), e);
    }
  }

  /** Runs a command of the jar (cleanup, errors list …) to its end. */
  public static Result runToEnd(RunnerCommand command, Duration timeout) {
    try (RunnerProcess process = start(command)) {
      int exit = process.awaitExit(timeout);
      return new Result(exit, process.output());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the runner", e);
    }
  }

  /**
   * The exit code and the whole output (stdout and stderr) of a command.
   *
   * @param exitCode the process's exit code
   * @param output what it printed
   */
  public record Result(int exitCode, String output) {}

  /**
   * Waits until the runner names its status port; fails when it exits first. When the command gave
   * the port, returns at once (the runner may not answer yet: poll its {@link #probe()}).
   */
  public void awaitStatusPort(Duration timeout) throws IOException, InterruptedException {
    try {
      statusPort.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      throw new IOException(
          "the runner "
              + (ended ? "exited with code " + process.exitValue() : "stopped writing its output")
              + " before serving its status: "
              + lastError.get()
              + " (log: "
              + log()
              + ")",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(
          "the runner did not serve its status within " + timeout + " (log: " + log() + ")", e);
    }
  }

  /** The status port (waits for the runner to name it when it picked one). */
  public int statusPort() {
    return statusPort.join();
  }

  /** Reads the status port; usable at once when the port was given, before the runner answers. */
  public StatusProbe probe() {
    return new StatusProbe(statusPort());
  }

  public Path log() {
    return command.log();
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

  /** The last line the runner wrote that starts with {@code error:} (its CLI's failures). */
  public String lastErrorLine() {
    return lastError.get();
  }

  /** Everything the process printed so far (all of it once the process has ended). */
  public String output() {
    if (!process.isAlive()) {
      awaitOutput();
    }
    try {
      return Files.exists(log()) ? Files.readString(log()) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end and its output to be copied; its exit code. */
  public int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IOException("the runner did not end within " + timeout + " (log: " + log() + ")");
    }
    try {
      outputDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the runner's output could not be copied to " + log(), e);
    }
    return process.exitValue();
  }

  /** SIGKILL (no shutdown hook runs, as a crash); its exit code once it is gone. */
  public int kill() {
    // through the handle: Process.destroyForcibly() also closes our end of the output pipe, and
    // the runner's last lines would be lost
    process.toHandle().destroyForcibly();
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        // the process is already told to die: wait on, and hand the interrupt back afterwards
        interrupted = true;
      }
    }
    awaitOutput();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  /**
   * SIGTERM and waits; the exit code, or -1 if it had to be killed after {@code grace} (or the wait
   * was interrupted).
   */
  public int terminate(Duration grace) {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.toHandle().destroy(); // SIGTERM, keeping the output pipe open for the drain's lines
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        awaitOutput();
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
    return -1;
  }

  /** Stops the runner: SIGTERM and the command's grace to drain, then SIGKILL. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    if (command.stopGrace().isZero()) {
      kill();
    } else {
      terminate(command.stopGrace());
    }
  }

  /** Once the process is gone its output ends: waits until the log holds all of it. */
  private void awaitOutput() {
    outputDone.handle((done, failed) -> null).join();
  }

  private void copyOutput() {
    StandardOpenOption mode =
        command.appendLog() ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                mode)) {
      String line;
      boolean logging = true;
      while ((line = in.readLine()) != null) {
        if (logging) {
          try {
            out.write(line);
            out.write('\n');
            out.flush();
          } catch (IOException e) {
            // keep reading: a runner whose output is not read blocks once the pipe is full
            logging = false;
            statusPort.completeExceptionally(e);
          }
        }
        if (!statusPort.isDone() && !line.startsWith("error:")) {
          Matcher m = STATUS_PORT.matcher(line);
          if (m.find()) {
            statusPort.complete(Integer.parseInt(m.group(1)));
          }
        }
        if (line.startsWith("error:")) {
          lastError.set(line);
        }
      }
      statusPort.completeExceptionally(new IOException("the runner's output ended"));
      outputDone.complete(null);
    } catch (IOException e) {
      statusPort.completeExceptionally(e);
      outputDone.completeExceptionally(new UncheckedIOException(e));
    }
  }
}

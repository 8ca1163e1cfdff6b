package io.serversidesync.operator.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sync-runner child JVM. A thread copies its output to a log file and watches it for the line
 * that names the status port ({@code status on port N}) and for the last {@code error:} line, so
 * nothing waits by sleeping: a start waits for that line or for the process's end.
 */
final class RunnerProcess implements AutoCloseable {

  private static final Pattern STATUS_PORT = Pattern.compile("status on port (\\d+)");

  /** How long a stopped runner may take to deliver what is pending (its own limit is 25 s). */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final CompletableFuture<Integer> statusPort = new CompletableFuture<>();
  private final CompletableFuture<Void> outputDone = new CompletableFuture<>();
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  private RunnerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static RunnerProcess start(List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    RunnerProcess runner = new RunnerProcess(process, log);
    Thread copier = new Thread(runner::copyOutput, "runner-output-" + process.pid());
    copier.setDaemon(true);
    copier.start();
    return runner;
  }

  /** Waits until the runner serves its status port; fails when it exits first. */
  void awaitStatusPort(Duration timeout) throws IOException, InterruptedException {
    try {
      statusPort.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(
          "the runner exited with code "
              + process.waitFor()
              + " before serving its status: "
              + lastError.get()
              + " (log: "
              + log
              + ")",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(
          "the runner did not serve its status within " + timeout + " (log: " + log + ")", e);
    }
  }

  int statusPort() {
    return statusPort.join();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end and its output to be copied; its exit code. */
  int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IOException("the runner did not end within " + timeout + " (log: " + log + ")");
    }
    try {
      outputDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the runner's output could not be copied to " + log, e);
    }
    return process.exitValue();
  }

  /** The last line the runner wrote that starts with {@code error:} (its CLI's failures). */
  String lastErrorLine() {
    return lastError.get();
  }

  /** SIGKILL, as a crash; true when it was running. Returns once the process is gone. */
  boolean kill() throws InterruptedException {
    if (!process.isAlive()) {
      return false;
    }
    process.destroyForcibly().waitFor();
    return true;
  }

  /** Deletes the pod: SIGTERM, the grace period to drain, then SIGKILL. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void copyOutput() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (!statusPort.isDone()) {
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

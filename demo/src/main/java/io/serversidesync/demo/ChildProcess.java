package io.serversidesync.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM the demo starts (sandbox, runner), its output kept in a log file for the user. */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildProcess(name, process, log);
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the output has a line matching {@code pattern}; returns its first group. */
  String awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<String> found = firstMatch(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        throw new DemoFailure(name + " exited with code " + process.exitValue() + "; see " + log);
      }
      // Polling a log file: there is no event to wait on.
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new DemoFailure(name + " did not start within " + timeout.toSeconds() + "s; see " + log);
  }

  private Optional<String> firstMatch(Pattern pattern) throws IOException {
    for (String line : Files.readAllLines(log)) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : line);
      }
    }
    return Optional.empty();
  }

  /** Sends SIGTERM and returns the exit code (forcibly killed after the timeout: -1). */
  int stop(Duration timeout) throws InterruptedException {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor();
    return -1;
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      // Closing during an interrupt: make sure the child does not outlive the demo.
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

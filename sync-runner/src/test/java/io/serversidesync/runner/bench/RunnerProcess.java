package io.serversidesync.runner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.runner.pg.Lsn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real runner in its own JVM ({@code run --config … --secrets …}), read through its status port
 * as the operator reads it. Output goes to a log file.
 */
final class RunnerProcess implements AutoCloseable {

  private static final Pattern FLUSHES =
      Pattern.compile("^serversidesync_flushes_total\\{[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

  private final Process process;
  private final Path log;
  private final String baseUrl;
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  private RunnerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * Starts {@code java <jvmOptions> -cp <classPath> SyncRunnerCommand run …}.
   *
   * @param classPath the runner jar, optionally preceded by benchmark classes
   */
  static RunnerProcess start(
      String classPath, List<String> jvmOptions, Path config, Path secrets, Path log)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classPath,
            "io.serversidesync.runner.cli.SyncRunnerCommand",
            "run",
            "--config",
            config.toString(),
            "--secrets",
            secrets.toString(),
            "--status-port",
            Integer.toString(port)));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new RunnerProcess(process, log, port);
  }

  /** Waits until the runner streams and is ready. */
  RunnerProcess awaitStreaming(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      RunnerStatus s = statusOrNull();
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
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      RunnerStatus s = statusOrNull();
      if (s != null) {
        progress.seen(s);
        if (s.confirmedLsn() != null
            && Long.compareUnsigned(Lsn.parse(s.confirmedLsn()), lsn) >= 0) {
          return s;
        }
      }
      check(deadline, "confirm " + Lsn.format(lsn));
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  RunnerStatus status() throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl + RunnerContract.STATUS_PATH).build())
            .execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("/status answered " + response.code());
      }
      return json.readValue(response.body().byteStream(), RunnerStatus.class);
    }
  }

  /** The flushes (epochs) delivered so far, from /metrics. */
  long flushes() throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl + RunnerContract.METRICS_PATH).build())
            .execute()) {
      Matcher m = FLUSHES.matcher(response.body().string());
      if (!m.find()) {
        throw new IOException("/metrics has no serversidesync_flushes_total");
      }
      return (long) Double.parseDouble(m.group(1));
    }
  }

  private RunnerStatus statusOrNull() {
    try {
      return status();
    } catch (IOException e) {
      return null;
    }
  }

  private void check(Instant deadline, String what) {
    if (!process.isAlive()) {
      throw new BenchFailure(
          "the runner exited with code "
              + process.exitValue()
              + " before it could "
              + what
              + "; see "
              + log);
    }
    if (Instant.now().isAfter(deadline)) {
      throw new BenchFailure("the runner did not " + what + " in time; see " + log);
    }
  }

  /** SIGTERM; the runner delivers what is pending, confirms and exits. Returns its exit code. */
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
      // the runner must not outlive the benchmark
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Sees every status read while waiting (progress lines). */
  interface StatusListener {
    void seen(RunnerStatus status);
  }
}

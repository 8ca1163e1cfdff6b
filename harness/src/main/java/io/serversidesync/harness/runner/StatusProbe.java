package io.serversidesync.harness.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a runner's status port as the operator or a kubelet probe would: /status (as the operator's
 * {@link RunnerStatus} or as raw JSON), /metrics, /readyz. Every read answers "nothing" rather than
 * failing while the runner does not answer (yet).
 */
public final class StatusProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(1))
          .callTimeout(Duration.ofSeconds(5))
          .build();

  private final int port;

  public StatusProbe(int port) {
    this.port = port;
  }

  public int port() {
    return port;
  }

  /** /status as the operator reads it, or empty when the runner does not answer. */
  public Optional<RunnerStatus> runnerStatus() {
    return body(RunnerContract.STATUS_PATH).map(text -> parse(text, RunnerStatus.class));
  }

  /**
   * /status as the operator reads it.
   *
   * @throws IOException when the runner does not answer
   */
  public RunnerStatus currentStatus() throws IOException {
    return runnerStatus()
        .orElseThrow(
            () -> new IOException("the runner's /status on port " + port + " does not answer"));
  }

  /** /status as a JSON tree (every field, also those the operator ignores), or empty. */
  public Optional<JsonNode> status() {
    return body(RunnerContract.STATUS_PATH).map(text -> parse(text, JsonNode.class));
  }

  /** The phase /status reports, or "" when it does not answer. */
  public String phase() {
    return status().map(s -> s.path("phase").asText()).orElse("");
  }

  /** Whether /readyz answers 200. */
  public boolean ready() {
    return answersOk(RunnerContract.READINESS_PATH);
  }

  /** Whether /healthz answers 200. */
  public boolean live() {
    return answersOk(RunnerContract.LIVENESS_PATH);
  }

  private boolean answersOk(String path) {
    try (Response response = HTTP.newCall(request(path)).execute()) {
      return response.code() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The value of a counter or gauge on /metrics (the first series of that name), or empty. */
  public Optional<Double> metric(String name) {
    Pattern series =
        Pattern.compile(
            "^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);
    return body(RunnerContract.METRICS_PATH)
        .flatMap(
            text -> {
              Matcher m = series.matcher(text);
              return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
            });
  }

  /** The body of a GET, or empty when nothing answers. */
  public Optional<String> body(String path) {
    try (Response response = HTTP.newCall(request(path)).execute()) {
      return Optional.of(response.body().string());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Request request(String path) {
    return new Request.Builder().url("http://127.0.0.1:" + port + path).build();
  }

  private static <T> T parse(String text, Class<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("/status is not the runner's JSON: " + text, e);
    }
  }
}

package io.serversidesync.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package; $PROMETHEUS names another binary) on a free loopback port,
 * with its storage in a temporary directory, scraping one target every second and evaluating the
 * rules files it is given.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts Prometheus in {@code dir}.
   *
   * @param target host:port whose /metrics it scrapes
   * @param namespace the namespace label the target's series get, as a ServiceMonitor gives them
   * @param ruleFiles rules files it evaluates
   */
  public static PrometheusServer start(
      Path dir, String target, String namespace, List<Path> ruleFiles) throws IOException {
    int port = freePort();
    StringBuilder config =
        new StringBuilder(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
    config.append("rule_files:\n");
    for (Path file : ruleFiles) {
      config.append("  - '").append(file.toAbsolutePath()).append("'\n");
    }
    config
        .append("scrape_configs:\n  - job_name: serversidesync-runner\n")
        .append("    metrics_path: /metrics\n    static_configs:\n")
        .append("      - targets: ['")
        .append(target)
        .append("']\n        labels: {namespace: '")
        .append(namespace)
        .append("'}\n");
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                Binaries.find("PROMETHEUS", "prometheus").toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
  }

  /** Whether it answers /-/ready with 200 (it loaded its configuration and storage). */
  public boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("prometheus exited: " + output());
    }
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The result of an instant query (data.result); an error answer (a bad expression) throws, with
   * Prometheus's message.
   */
  public JsonNode query(String promql) throws IOException {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .at("/data/result");
  }

  /** The rule groups Prometheus loaded, with each rule's health and last error. */
  public JsonNode rules() throws IOException {
    return api("/api/v1/rules").at("/data/groups");
  }

  /** Whether the scrape target is up. */
  public boolean targetUp() throws IOException {
    for (JsonNode target : api("/api/v1/targets").at("/data/activeTargets")) {
      if ("up".equals(target.path("health").asText())) {
        return true;
      }
    }
    return false;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private JsonNode api(String pathAndQuery) throws IOException {
    HttpResponse<String> response = get(pathAndQuery);
    JsonNode body = JSON.readTree(response.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          pathAndQuery + ": " + body.path("errorType").asText() + ": " + body.path("error"));
    }
    return body;
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

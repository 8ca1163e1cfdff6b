package io.serversidesync.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.dependent.ResourceNames;
import io.serversidesync.operator.testing.LogLines;
import io.serversidesync.operator.testing.MockCluster;
import io.serversidesync.operator.testing.OperatorFixture;
import io.serversidesync.operator.testing.RepoFiles;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OperatorMain as the container runs it: a child JVM configured by environment variables only,
 * against the mock API server. It reconciles, serves JOSDK's reconciliation metrics in Prometheus'
 * text format on /metrics with /healthz and /readyz, stops on SIGTERM; a wrong setting stops it at
 * once with one line per variable to fix and no stack trace.
 */
@Tag("integration")
class OperatorMainIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path home;

  @Test
  void startsFromItsEnvironmentReconcilesAndServesMetrics() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient admin = cluster.client("test-admin");
      cluster.createNamespace("apps");
      admin
          .load(
              new java.io.ByteArrayInputStream(
                  RepoFiles.read("examples/contacts-salesforce-secrets.yaml").getBytes()))
          .items()
          .forEach(
              o -> {
                o.getMetadata().setNamespace("apps");
                admin.resource(o).create();
              });
      admin.resource(OperatorFixture.example("apps", "orders")).create();
      int port = freePort();
      Map<String, String> env = clusterEnv(cluster);
      env.put("SSS_RUNNER_IMAGE", "registry.example/sync-runner:9.9.9");
      env.put("SSS_LEADER_ELECTION", "false");
      env.put("SSS_METRICS_PORT", Integer.toString(port));
      env.put("SSS_WATCH_NAMESPACES", "apps");
      env.put("SSS_STATUS_POLL_INTERVAL", "2s");
      // DEBUG: JOSDK's reconciliation lines, with the resource in the MDC
      env.put("SSS_LOG_LEVEL", "DEBUG");

      Process main = start(env);
      try {
        await().atMost(WAIT).until(() -> main.isAlive() && status(port, "/readyz") == 200);
        assertThat(status(port, "/healthz")).isEqualTo(200);
        // It reconciles with the image and namespaces its environment names.
        await()
            .atMost(WAIT)
            .until(
                () ->
                    admin
                            .apps()
                            .deployments()
                            .inNamespace("apps")
                            .withName(ResourceNames.deployment("orders"))
                            .get()
                        != null);
        Deployment deployment =
            admin
                .apps()
                .deployments()
                .inNamespace("apps")
                .withName(ResourceNames.deployment("orders"))
                .get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
            .isEqualTo("registry.example/sync-runner:9.9.9");
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  ServerSideSync sync =
                      admin
                          .resources(ServerSideSync.class)
                          .inNamespace("apps")
                          .withName("orders")
                          .get();
                  return sync.getStatus() != null && sync.getStatus().getPhase() != null;
                });

        HttpResponse<String> metrics =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        String body = metrics.body();
        assertThat(body)
            .contains("# TYPE operator_sdk_reconciliations_started_total counter")
            .contains("# TYPE operator_sdk_reconciliations_success_total counter")
            .contains("operator_sdk_controllers_execution_reconcile_seconds_count{")
            .contains("jvm_memory_used_bytes{");
        assertThat(sample(body, "operator_sdk_reconciliations_started_total")).isGreaterThan(0);
        assertThat(sample(body, "operator_sdk_reconciliations_success_total")).isGreaterThan(0);
        // Structured logs: every line is key=value, and a reconciliation's lines name the resource.
        assertThat(output().lines())
            .isNotEmpty()
            .allSatisfy(line -> assertThat(line).matches(LogLines.LOGFMT));
        assertThat(output()).contains("namespace=apps sync=orders ");
      } finally {
        main.destroy();
      }
      boolean stopped = main.waitFor(30, TimeUnit.SECONDS);
      main.destroyForcibly();
      assertThat(stopped).as("the operator stops on SIGTERM; its output:%n%s", output()).isTrue();
    }
  }

  @Test
  void theLeaderStopsPromptlyOnSigterm() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      cluster.allowLeases();
      cluster.createNamespace("ops");
      int port = freePort();
      Map<String, String> env = clusterEnv(cluster);
      env.put("SSS_RUNNER_IMAGE", "registry.example/sync-runner:9.9.9");
      env.put("POD_NAMESPACE", "ops");
      env.put("SSS_METRICS_PORT", Integer.toString(port));
      env.put("SSS_LOG_FORMAT", "json");
      KubernetesClient admin = cluster.client("test-admin");

      Process main = start(env);
      try {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    admin
                            .resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class)
                            .inNamespace("ops")
                            .withName("serversidesync-operator")
                            .get()
                        != null);
      } finally {
        main.destroy();
      }
      // Stopping its own leadership must not wait for Kubernetes' SIGKILL.
      boolean stopped = main.waitFor(15, TimeUnit.SECONDS);
      main.destroyForcibly();
      assertThat(stopped).as("the leader stops on SIGTERM; its output:%n%s", output()).isTrue();
      assertThat(output().lines())
          .as("SSS_LOG_FORMAT=json: one JSON object per line")
          .isNotEmpty()
          .allSatisfy(line -> assertThat(LogLines.json(line).path("level").asText()).isNotEmpty());
    }
  }

  @Test
  void aWrongSettingStopsItWithOneLinePerVariableToFix() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      int before = cluster.requests().size();
      Map<String, String> env = clusterEnv(cluster);
      env.put("SSS_METRICS_PORT", "http");
      env.put("SSS_STATUS_POLL_INTERVAL", "soon");
      env.put("SSS_LEADER_ELECTION", "yes");

      Process main = start(env);

      boolean stopped = main.waitFor(60, TimeUnit.SECONDS);
      main.destroyForcibly();
      assertThat(stopped).isTrue();
      assertThat(main.exitValue()).isEqualTo(2);
      String out = output();
      assertThat(out)
          .contains("the operator's settings are invalid")
          .contains("SSS_RUNNER_IMAGE: required")
          .contains("SSS_METRICS_PORT: \"http\" is not a whole number")
          .contains("SSS_STATUS_POLL_INTERVAL")
          .contains("SSS_LEADER_ELECTION: \"yes\"; write true or false")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(cluster.requests()).as("nothing was asked of the API server").hasSize(before);
    }
  }

  /** The child's environment: the mock API server, and nothing from this machine's kubeconfig. */
  private Map<String, String> clusterEnv(MockCluster cluster) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("HOSTNAME", "operator-main-it");
    env.put("KUBERNETES_MASTER", cluster.url());
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("KUBERNETES_NAMESPACE", "default");
    return env;
  }

  private Process start(Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                operatorClassPath(),
                OperatorMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("operator.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SSS_") || k.startsWith("KUBE"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * The test class path without the tests' own classes (their logback-test.xml would win over the
   * operator's logback.xml) and the runner's jar (on it only so the reactor builds the runner
   * first): the operator's image holds neither.
   */
  private static String operatorClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "sync-runner"))
        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private String output() throws IOException {
    return Files.readString(home.resolve("operator.log"));
  }

  private int status(int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The sum of a metric's samples in Prometheus' text format. */
  private static double sample(String body, String metric) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(body);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

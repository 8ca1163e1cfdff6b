package io.serversidesync.operator.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.harness.RunnerLauncher.CleanupResult;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of "no credential leaks": Secrets with distinctive values (database password,
 * CA, client secret, private key, refresh token, a value under a misspelt key) go through a ready
 * sync of each OAuth flow, a missing key, a runner reporting rejected credentials, and a failed
 * then retried cleanup. No value may appear in any resource's status, any Kubernetes event, any
 * object the operator created (ConfigMap, Deployment, Service, Job) or the operator's log at DEBUG.
 * (The runner's own side, /status included, is SecretsLeakIT in the reliability module.)
 */
@Tag("integration")
class SecretsNeverLeakIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TAG = UUID.randomUUID().toString().replace("-", "");
  private static final Map<String, String> SECRETS = new LinkedHashMap<>();

  /**
   * Loggers of the stand-ins for the API server and the kubelet, which hold the Secrets by design;
   * everything else in the JVM (the operator, JOSDK, the Fabric8 client) is the operator's log.
   */
  private static final List<String> NOT_THE_OPERATOR =
      List.of(
          "io.fabric8.kubernetes.client.server.mock",
          "io.fabric8.mockwebserver",
          "okhttp3.mockwebserver",
          "io.serversidesync.operator.harness");

  static {
    SECRETS.put("database password", "OpDbPw" + TAG);
    SECRETS.put("CA certificate body", "OpCaBody" + TAG);
    SECRETS.put("client secret", "OpClientSecret" + TAG);
    SECRETS.put("private key body", "OpPrivateKey" + TAG);
    SECRETS.put("refresh token", "OpRefresh" + TAG);
    SECRETS.put("value under a misspelt key", "OpTypo" + TAG);
  }

  @Test
  void noSecretValueReachesStatusEventsOwnedObjectsOrLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.serversidesync");
    Level rootLevel = root.getLevel();
    Level ourLevel = ours.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    ours.setLevel(Level.DEBUG);
    FakeRunnerLauncher runners = new FakeRunnerLauncher();
    List<String> exposed = new ArrayList<>();
    try (OperatorFixture fixture = new OperatorFixture(runners, Duration.ofMillis(200))) {
      KubernetesClient k8s = fixture.client();

      // ready with each flow
      for (AuthFlow flow : AuthFlow.values()) {
        String ns = "ok-" + flow.name().toLowerCase();
        namespace(fixture, ns, oauth(flow));
        fixture.create(sync(ns, "ready-sync", flow));
        awaitSync(fixture, ns, "ready-sync", SecretsNeverLeakIT::ready);
      }

      // the runner reports the credentials rejected, then recovers
      String ns = "ok-clientcredentials";
      runners.runner(ns, "ready-sync").orElseThrow().update(s -> rejected(s));
      awaitSync(fixture, ns, "ready-sync", s -> stalled(s, "CredentialsRejected"));
      runners.runner(ns, "ready-sync").orElseThrow().update(s -> streaming(s));
      awaitSync(fixture, ns, "ready-sync", SecretsNeverLeakIT::ready);

      // a key is missing: its value sits under a misspelt key
      Map<String, String> misspelt = new LinkedHashMap<>();
      misspelt.put("clientId", "client-id");
      misspelt.put("clientSecrte", SECRETS.get("value under a misspelt key"));
      namespace(fixture, "missing", misspelt);
      fixture.create(sync("missing", "missing-sync", AuthFlow.ClientCredentials));
      awaitSync(fixture, "missing", "missing-sync", s -> stalled(s, "InvalidSpec"));

      // deletion whose first cleanup fails
      runners.scriptCleanups(ns, "ready-sync", CleanupResult.failure("connection refused"));
      k8s.resource(fixture.get(ns, "ready-sync")).delete();
      await().atMost(WAIT).until(() -> fixture.get(ns, "ready-sync") == null);

      for (ServerSideSync s :
          k8s.resources(ServerSideSync.class).inAnyNamespace().list().getItems()) {
        exposed.add("status of " + s.getMetadata().getName() + ": " + yaml(k8s, s.getStatus()));
      }
      k8s.v1().events().inAnyNamespace().list().getItems().forEach(e -> exposed.add(yaml(k8s, e)));
      List<HasMetadata> owned = new ArrayList<>();
      owned.addAll(k8s.configMaps().inAnyNamespace().list().getItems());
      owned.addAll(k8s.apps().deployments().inAnyNamespace().list().getItems());
      owned.addAll(k8s.services().inAnyNamespace().list().getItems());
      owned.addAll(k8s.batch().v1().jobs().inAnyNamespace().list().getItems());
      owned.forEach(o -> exposed.add(yaml(k8s, o)));
    } finally {
      root.detachAppender(logs);
      root.setLevel(rootLevel);
      ours.setLevel(ourLevel);
    }
    for (ILoggingEvent event : logs.list) {
      if (NOT_THE_OPERATOR.stream().anyMatch(event.getLoggerName()::startsWith)) {
        continue;
      }
      StringBuilder line = new StringBuilder(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      exposed.add("log: " + line);
    }

    String all = String.join("\n", exposed);
    // the search is not vacuous: statuses, events, owned objects and logs were collected
    assertThat(all)
        .contains("InvalidSpec")
        .contains("CredentialsRejected")
        .contains("CleanupFailed")
        .contains("sf-oauth")
        .contains("kind: \"ConfigMap\"")
        .contains("log: ");
    List<String> found = new ArrayList<>();
    SECRETS.forEach(
        (name, value) -> {
          // a Secret's data is base64: a leak of it would not show the value itself
          String base64 = Base64.getEncoder().encodeToString(value.getBytes(UTF_8));
          for (String text : exposed) {
            if (text.contains(value) || text.contains(base64)) {
              found.add(name + " in " + text.substring(0, Math.min(120, text.length())));
            }
          }
        });
    assertThat(found).as("secret values exposed").isEmpty();
  }

  private static Map<String, String> oauth(AuthFlow flow) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("clientId", "client-id");
    switch (flow) {
      case ClientCredentials -> keys.put("clientSecret", SECRETS.get("client secret"));
      case JwtBearer -> {
        keys.put("username", "integration@example.com");
        keys.put(
            "privateKey",
            "-----BEGIN PRIVATE KEY-----\n"
                + SECRETS.get("private key body")
                + "\n-----END PRIVATE KEY-----\n");
      }
      case RefreshToken -> keys.put("refreshToken", SECRETS.get("refresh token"));
    }
    return keys;
  }

  private static void namespace(OperatorFixture fixture, String ns, Map<String, String> oauth) {
    fixture.cluster().createNamespace(ns);
    Secret db =
        new SecretBuilder()
            .withNewMetadata()
            .withName("app-db")
            .withNamespace(ns)
            .endMetadata()
            .addToStringData("username", "sss_replicator")
            .addToStringData("password", SECRETS.get("database password"))
            .addToStringData(
                "ca.crt",
                "-----BEGIN CERTIFICATE-----\n"
                    + SECRETS.get("CA certificate body")
                    + "\n-----END CERTIFICATE-----\n")
            .build();
    Secret sf =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sf-oauth")
            .withNamespace(ns)
            .endMetadata()
            .addToStringData(oauth)
            .build();
    fixture.client().resource(db).create();
    fixture.client().resource(sf).create();
  }

  private static ServerSideSync sync(String ns, String name, AuthFlow flow) {
    ServerSideSync sync = OperatorFixture.example(ns, name);
    sync.getSpec().getDestination().getSalesforce().getAuth().setFlow(flow);
    return sync;
  }

  private static ServerSideSync awaitSync(
      OperatorFixture fixture, String ns, String name, Predicate<ServerSideSync> until) {
    return await()
        .atMost(WAIT)
        .until(
            () -> fixture.get(ns, name), s -> s != null && s.getStatus() != null && until.test(s));
  }

  private static boolean ready(ServerSideSync s) {
    return Conditions.isTrue(s.getStatus().getConditions(), Condition.READY);
  }

  private static boolean stalled(ServerSideSync s, String reason) {
    Condition stalled = Conditions.find(s.getStatus().getConditions(), Condition.STALLED);
    return stalled != null
        && "True".equals(stalled.getStatus())
        && reason.equals(stalled.getReason());
  }

  /** What the real runner reports when Salesforce refuses the client secret (no value in it). */
  private static RunnerStatus rejected(RunnerStatus s) {
    return new RunnerStatus(
        s.sync(),
        Phase.Streaming,
        false,
        "CredentialsRejected",
        "Salesforce rejected the credentials in Secret sf-oauth: invalid_client (invalid client"
            + " credentials); check the keys clientId and clientSecret of the Secret and the"
            + " connected app",
        s.lag(),
        s.counters(),
        null,
        s.confirmedLsn(),
        null,
        s.replayErrorsAcknowledged(),
        null);
  }

  private static RunnerStatus streaming(RunnerStatus s) {
    return new RunnerStatus(
        s.sync(),
        Phase.Streaming,
        true,
        "Streaming",
        "streaming changes",
        s.lag(),
        s.counters(),
        null,
        s.confirmedLsn(),
        null,
        s.replayErrorsAcknowledged(),
        null);
  }

  private static String yaml(KubernetesClient k8s, Object o) {
    return k8s.getKubernetesSerialization().asYaml(o);
  }
}

package io.serversidesync.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.operator.harness.ClusterNetwork;
import io.serversidesync.operator.harness.RunnerProcessLauncher;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.OperatorFixture;
import io.serversidesync.operator.testing.RepoFiles;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/contacts-hubspot.yaml as a user applies it: the operator on Fabric8's mock API server,
 * the harness kubelet running the real sync-runner against a real Postgres and the sandbox's
 * HubSpot API. The sync reads the table, streams into HubSpot contacts by the unique property, and
 * deleting the resource cleans up. (A missing scope's message is HubSpotSandboxIT's; how a refused
 * credential reaches the conditions is EndToEndIT's.)
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class HubSpotEndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String EXAMPLE = "examples/contacts-hubspot.yaml";
  private static final String SECRETS = "examples/contacts-hubspot-secrets.yaml";

  private static PostgresDatabase db;
  private static Sandbox sandbox;
  private static RunnerProcessLauncher runners;
  private static OperatorFixture fixture;

  @BeforeAll
  static void start(PostgresDatabase database) throws Exception {
    db = database;
    db.execute(
        """
        CREATE TABLE public.contacts (
          customer_ref text PRIMARY KEY,
          first_name   text,
          last_name    text NOT NULL,
          email        text,
          phone        text,
          title        text
        )""");
    sandbox = Sandbox.start(SandboxConfig.builder().port(0).build());
    ServerSideSync example =
        new io.serversidesync.api.manifest.ManifestReader().read(EXAMPLE, RepoFiles.read(EXAMPLE));
    PostgresConnection pg = example.getSpec().getSource().getPostgres();
    ClusterNetwork network =
        ClusterNetwork.builder()
            .postgres(pg.getHost(), pg.getPort(), pg.getDatabase(), db.host(), db.port(), db.name())
            .url(example.getSpec().getDestination().getHubspot().getBaseUrl(), sandbox.baseUrl())
            .build();
    runners = new RunnerProcessLauncher(network, Path.of("target/e2e-hubspot-runner-logs"));
    fixture = new OperatorFixture(runners, Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
    if (runners != null) {
      runners.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void theExampleStreamsIntoHubSpotAndCleansUp() {
    String ns = "hubspot";
    String name = "contacts-to-hubspot";
    fixture.cluster().createNamespace(ns);
    createSecret(ns, "app-db");
    createSecret(ns, "hubspot-private-app");
    insertContacts(1, 20); // before the sync exists: the initial snapshot

    fixture.apply(EXAMPLE, ns);
    awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);
    insertContacts(21, 40);
    ServerSideSync streaming =
        awaitStatus(ns, name, s -> s.getStatus().getCounters().getRecordsWritten() == 40);
    assertThat(streaming.getStatus().getCounters().getRecordErrors()).isZero();
    assertThat(streaming.getStatus().getCounters().getApiCalls()).isPositive().isLessThan(10);
    assertThat(contactsInHubSpot()).hasSize(40).isEqualTo(contactsInPostgres());

    fixture.client().resource(fixture.get(ns, name)).delete();
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(runners.cleanupsRun()).contains(ns + "/" + name + " exit 0");
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sss_contacts_to_hubspot'"))
        .isZero();
  }

  private static void insertContacts(int from, int to) {
    db.execute(
        "INSERT INTO contacts (customer_ref, first_name, last_name, email, phone, title)"
            + " SELECT 'H-' || lpad(i::text, 2, '0'), 'Grace ' || i, 'Hopper ' || i,"
            + " 'grace' || i || '@example.com', '+1 202 555 ' || lpad(i::text, 4, '0'), 'Admiral'"
            + " FROM generate_series("
            + from
            + ", "
            + to
            + ") AS i");
  }

  /** key → first|last|email|phone|title, as HubSpot should hold them. */
  private static Map<String, String> contactsInPostgres() {
    return db
        .query("SELECT customer_ref, first_name, last_name, email, phone, title FROM contacts")
        .stream()
        .collect(
            Collectors.toMap(
                r -> (String) r.get("customer_ref"),
                r ->
                    String.join(
                        "|",
                        (String) r.get("first_name"),
                        (String) r.get("last_name"),
                        (String) r.get("email"),
                        (String) r.get("phone"),
                        (String) r.get("title"))));
  }

  private static Map<String, String> contactsInHubSpot() {
    return sandbox.hubSpot().records("contacts").stream()
        .collect(
            Collectors.toMap(
                r -> r.properties().get("customer_ref"),
                r ->
                    String.join(
                        "|",
                        r.properties().get("firstname"),
                        r.properties().get("lastname"),
                        r.properties().get("email"),
                        r.properties().get("phone"),
                        r.properties().get("jobtitle"))));
  }

  /** One of the example's Secrets with this test's values, as a user edits it before applying. */
  private static void createSecret(String ns, String name) {
    Secret secret =
        fixture
            .client()
            .load(
                new ByteArrayInputStream(RepoFiles.read(SECRETS).getBytes(StandardCharsets.UTF_8)))
            .items()
            .stream()
            .filter(o -> name.equals(o.getMetadata().getName()))
            .map(Secret.class::cast)
            .findFirst()
            .orElseThrow();
    Map<String, String> values = new HashMap<>(secret.getStringData());
    switch (name) {
      case "app-db" -> {
        values.put("username", db.user());
        values.put("password", db.password());
      }
      case "hubspot-private-app" -> values.put("accessToken", HubSpotSettings.DEFAULT_TOKEN);
      default -> throw new IllegalArgumentException("the example has no Secret " + name);
    }
    secret.setStringData(values);
    secret.getMetadata().setNamespace(ns);
    fixture.client().resource(secret).create();
  }

  private static ServerSideSync awaitStatus(
      String ns, String name, Predicate<ServerSideSync> until) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> fixture.get(ns, name),
            s ->
                s != null
                    && s.getStatus() != null
                    && s.getStatus().getPhase() != null
                    && until.test(s));
  }

  private static boolean isReady(ServerSideSync s) {
    return Conditions.isTrue(s.getStatus().getConditions(), Condition.READY)
        && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration());
  }

  private static Condition condition(ServerSideSync s, String type) {
    return Conditions.find(s.getStatus().getConditions(), type);
  }
}

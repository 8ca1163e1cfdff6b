package io.serversidesync.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.operator.dependent.ResourceNames;
import io.serversidesync.operator.dependent.RunnerLabels;
import io.serversidesync.operator.harness.ClusterNetwork;
import io.serversidesync.operator.harness.RunnerProcessLauncher;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.OperatorFixture;
import io.serversidesync.operator.testing.RepoFiles;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenario end to end: the operator on Fabric8's mock API server, the harness kubelet
 * running every runner and cleanup pod as the real sync-runner (a child JVM of the shaded jar)
 * against a real Postgres and the Salesforce-compatible sandbox. The sync is
 * examples/contacts-salesforce.yaml as it is; the harness's {@link ClusterNetwork} resolves its
 * Postgres Service and My Domain to the test's database and sandbox, as a cluster's DNS would.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class EndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final String CLIENT_ID = "e2e-connected-app";
  private static final String CLIENT_SECRET = "e2e-" + Long.toHexString(System.nanoTime());

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
          account_ref  text,
          title        text
        )""");
    sandbox =
        Sandbox.start(
            SandboxConfig.builder().port(0).clientCredentials(CLIENT_ID, CLIENT_SECRET).build());
    ServerSideSync example = OperatorFixture.example("default", "example");
    PostgresConnection pg = example.getSpec().getSource().getPostgres();
    ClusterNetwork network =
        ClusterNetwork.builder()
            .postgres(pg.getHost(), pg.getPort(), pg.getDatabase(), db.host(), db.port(), db.name())
            .url(
                example.getSpec().getDestination().getSalesforce().getLoginUrl(), sandbox.baseUrl())
            .build();
    runners = new RunnerProcessLauncher(network, Path.of("target/e2e-runner-logs"));
    fixture = new OperatorFixture(runners, POLL);
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
  void theExampleSyncStreamsRollsSuspendsResumesAndCleansUp() {
    String ns = "e2e";
    String name = "contacts-to-salesforce";
    fixture.cluster().createNamespace(ns);
    createSecret(ns, "app-db");
    createSecret(ns, "sf-oauth");
    insertContacts("C", 1, 20); // before the sync exists: the initial snapshot

    // apply → Ready, Streaming, the counters of what was written
    fixture.apply("examples/contacts-salesforce.yaml", ns);
    awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);
    insertContacts("C", 21, 50); // while streaming: one transaction of new keys
    ServerSideSync streaming =
        awaitStatus(ns, name, s -> s.getStatus().getCounters().getRecordsWritten() == 50);
    assertThat(streaming.getStatus().getCounters())
        .satisfies(
            c -> {
              assertThat(c.getChangesCaptured()).isEqualTo(50);
              assertThat(c.getRecordErrors()).isZero();
              assertThat(c.getApiCalls()).isPositive().isLessThan(50);
            });
    assertThat(streaming.getStatus().getPhase()).isEqualTo(Phase.Streaming);
    assertThat(condition(streaming, Condition.READY).getStatus()).isEqualTo("True");
    assertThat(condition(streaming, Condition.STALLED).getStatus()).isEqualTo("False");
    assertThat(streaming.getStatus().getConfirmedLsn()).isNotBlank();
    assertThat(contactsInSandbox("C")).hasSize(50).isEqualTo(contactsInPostgres("C"));
    assertThat(slotActive(name)).isTrue();

    // a new mapped column → the pod rolls with the new manifest, the field reaches Salesforce
    String hashBefore = configHash(ns, name);
    int startsBefore = fixture.kubelet().podStarts(ns, name);
    fixture.edit(ns, name, s -> s.getSpec().getMapping().add(new FieldMapping("title", "Title")));
    await().atMost(WAIT).until(() -> !configHash(ns, name).equals(hashBefore));
    await().atMost(WAIT).until(() -> fixture.kubelet().podStarts(ns, name) == startsBefore + 1);
    awaitStatus(
        ns,
        name,
        s ->
            isReady(s)
                && s.getMetadata().getGeneration() == 2
                && s.getStatus().getPhase() == Phase.Streaming);
    db.execute(
        "UPDATE contacts SET title = 'Engineer ' || customer_ref WHERE customer_ref <= 'C-05'");
    await()
        .atMost(WAIT)
        .until(
            () ->
                titlesInSandbox()
                    .equals(
                        Map.of(
                            "C-01", "Engineer C-01",
                            "C-02", "Engineer C-02",
                            "C-03", "Engineer C-03",
                            "C-04", "Engineer C-04",
                            "C-05", "Engineer C-05")));

    // suspend → scaled to 0, Suspended, the slot kept (and inactive)
    setSuspend(ns, name, true);
    ServerSideSync suspended =
        awaitStatus(
            ns,
            name,
            s ->
                s.getStatus().getPhase() == Phase.Suspended
                    && "False".equals(condition(s, Condition.RECONCILING).getStatus()));
    assertThat(deployment(ns, name).getSpec().getReplicas()).isZero();
    assertThat(fixture.kubelet().statusPort(ns, name)).isEmpty();
    assertThat(condition(suspended, Condition.READY).getReason()).isEqualTo("Suspended");
    assertThat(condition(suspended, Condition.READY).getStatus()).isEqualTo("False");
    await().atMost(WAIT).until(() -> Boolean.FALSE.equals(slotActive(name)));
    insertContacts("C", 51, 55); // while suspended: the slot keeps them

    // resume → a runner again, which delivers what was written meanwhile
    setSuspend(ns, name, false);
    awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);
    assertThat(deployment(ns, name).getSpec().getReplicas()).isEqualTo(1);
    await().atMost(WAIT).until(() -> contactsInSandbox("C").size() == 55);
    assertThat(contactsInSandbox("C")).isEqualTo(contactsInPostgres("C"));

    // delete → the cleanup Job runs the real cleanup: slot and publication gone, finalizer removed
    fixture.client().resource(fixture.get(ns, name)).delete();
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(runners.cleanupsRun()).contains(ns + "/" + name + " exit 0");
    assertThat(slotActive(name)).isNull();
    assertThat(publicationExists(name)).isFalse();
    assertThat(reasons(ns, name)).contains("Pending", "Streaming", "Suspended", "CleanedUp");
    assertThat(fixture.kubelet().containerRestarts(ns, name)).isZero();
  }

  @Test
  void aMissingSecretStallsTheSyncUntilItIsCreated() {
    String ns = "late-secret";
    String name = "late-contacts";
    fixture.cluster().createNamespace(ns);
    createSecret(ns, "app-db");
    insertContacts("L", 1, 10);
    fixture.create(OperatorFixture.example(ns, name));

    ServerSideSync stalled =
        awaitStatus(
            ns, name, s -> Conditions.isTrue(s.getStatus().getConditions(), Condition.STALLED));
    Condition reason = condition(stalled, Condition.STALLED);
    assertThat(reason.getReason()).isEqualTo("InvalidSpec");
    assertThat(reason.getMessage())
        .contains("spec.destination.salesforce.auth.secretRef.name")
        .contains("sf-oauth");
    assertThat(stalled.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(events(ns, name))
        .anySatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("InvalidSpec");
            });
    assertThat(fixture.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();

    long rows = db.queryLong("SELECT count(*) FROM contacts");
    createSecret(ns, "sf-oauth");
    ServerSideSync ready =
        awaitStatus(
            ns,
            name,
            s ->
                isReady(s)
                    && s.getStatus().getPhase() == Phase.Streaming
                    && s.getStatus().getCounters().getRecordsWritten() == rows);
    assertThat(condition(ready, Condition.STALLED).getStatus()).isEqualTo("False");
    assertThat(ready.getStatus().getCounters())
        .extracting(Counters::getChangesCaptured, Counters::getRecordErrors)
        .containsExactly(rows, 0L);
    assertThat(contactsInSandbox("L")).hasSize(10).isEqualTo(contactsInPostgres("L"));

    fixture.client().resource(fixture.get(ns, name)).delete();
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(slotActive(name)).isNull();
    assertThat(publicationExists(name)).isFalse();
  }

  /**
   * A runner whose mapping the destination refuses does not crash-loop with its reason hidden in a
   * termination message: it stays up reporting it, and the resource is Stalled with the runner's
   * own text (the "did you mean" hint included); nothing is created in Postgres; fixing the mapping
   * rolls the pod and the sync streams.
   */
  @Test
  void aMisspelledFieldStallsTheSyncWithTheRunnersHintUntilTheMappingIsFixed() {
    String ns = "typo";
    String name = "typo-contacts";
    fixture.cluster().createNamespace(ns);
    createSecret(ns, "app-db");
    createSecret(ns, "sf-oauth");
    insertContacts("T", 1, 5);
    ServerSideSync typo = OperatorFixture.example(ns, name);
    typo.getSpec().getMapping().stream()
        .filter(m -> m.getField().equals("Email"))
        .forEach(m -> m.setField("Emial"));
    fixture.create(typo);

    ServerSideSync stalled =
        awaitStatus(
            ns, name, s -> Conditions.isTrue(s.getStatus().getConditions(), Condition.STALLED));
    assertThat(condition(stalled, Condition.STALLED).getMessage())
        .contains("Emial")
        .contains("did you mean Email?");
    assertThat(condition(stalled, Condition.READY).getStatus()).isEqualTo("False");
    assertThat(stalled.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(fixture.kubelet().containerRestarts(ns, name)).isZero();
    assertThat(publicationExists(name)).isFalse();
    assertThat(contactsInSandbox("T")).isEmpty();

    fixture.edit(
        ns,
        name,
        s ->
            s.getSpec().getMapping().stream()
                .filter(m -> m.getField().equals("Emial"))
                .forEach(m -> m.setField("Email")));
    awaitStatus(
        ns,
        name,
        s ->
            isReady(s)
                && s.getMetadata().getGeneration() == 2
                && s.getStatus().getPhase() == Phase.Streaming);
    await().atMost(WAIT).until(() -> contactsInSandbox("T").size() == 5);
    assertThat(contactsInSandbox("T")).isEqualTo(contactsInPostgres("T"));

    fixture.client().resource(fixture.get(ns, name)).delete();
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(slotActive(name)).isNull();
  }

  @Test
  void aKilledRunnerIsStartedAgainAndLosesNothing() throws Exception {
    String ns = "crash";
    String name = "crashing-contacts";
    fixture.cluster().createNamespace(ns);
    createSecret(ns, "app-db");
    createSecret(ns, "sf-oauth");
    insertContacts("K", 1, 10);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(
        ns,
        name,
        s ->
            isReady(s)
                && s.getStatus().getPhase() == Phase.Streaming
                && s.getStatus().getCounters().getRecordsWritten() >= 10);

    assertThat(runners.kill(ns, name)).isTrue();
    insertContacts("K", 11, 20); // while no runner reads the slot

    // The pod turns unready, its container is started again, and it resumes from the slot.
    await().atMost(WAIT).until(() -> fixture.kubelet().containerRestarts(ns, name) >= 1);
    await().atMost(WAIT).until(() -> contactsInSandbox("K").size() == 20);
    assertThat(contactsInSandbox("K")).isEqualTo(contactsInPostgres("K"));
    awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);
    assertThat(events(ns, name)).extracting(Event::getReason).contains("Streaming");

    fixture.client().resource(fixture.get(ns, name)).delete();
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(slotActive(name)).isNull();
  }

  // --- Postgres and the sandbox

  /** Inserts contacts {@code <prefix>-<from>} … {@code <prefix>-<to>} in one transaction. */
  private static void insertContacts(String prefix, int from, int to) {
    db.execute(
        "INSERT INTO contacts (customer_ref, first_name, last_name, email, phone)"
            + " SELECT '"
            + prefix
            + "-' || lpad(i::text, 2, '0'), 'Ada ' || i, 'Lovelace ' || i,"
            + " 'ada' || i || '@example.com', '+44 20 7946 ' || lpad(i::text, 4, '0')"
            + " FROM generate_series("
            + from
            + ", "
            + to
            + ") AS i");
  }

  /** The contacts of a key prefix as the sandbox should hold them: key → first|last|email|phone. */
  private static Map<String, String> contactsInPostgres(String prefix) {
    return db
        .query(
            "SELECT customer_ref, first_name, last_name, email, phone FROM contacts"
                + " WHERE customer_ref LIKE '"
                + prefix
                + "-%'")
        .stream()
        .collect(
            Collectors.toMap(
                r -> (String) r.get("customer_ref"),
                r ->
                    r.get("first_name")
                        + "|"
                        + r.get("last_name")
                        + "|"
                        + r.get("email")
                        + "|"
                        + r.get("phone")));
  }

  private static Map<String, String> contactsInSandbox(String prefix) {
    return sandbox.records("Contact").stream()
        .filter(r -> ((String) r.get("Customer_Ref__c")).startsWith(prefix + "-"))
        .collect(
            Collectors.toMap(
                r -> (String) r.get("Customer_Ref__c"),
                r ->
                    r.get("FirstName")
                        + "|"
                        + r.get("LastName")
                        + "|"
                        + r.get("Email")
                        + "|"
                        + r.get("Phone")));
  }

  private static Map<String, String> titlesInSandbox() {
    Map<String, String> titles = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Contact")) {
      if (r.get("Title") != null) {
        titles.put((String) r.get("Customer_Ref__c"), (String) r.get("Title"));
      }
    }
    return titles;
  }

  /** Whether the sync's slot is in use; null when there is no slot. */
  private static Boolean slotActive(String sync) {
    List<Map<String, Object>> rows =
        db.query(
            "SELECT active FROM pg_replication_slots WHERE slot_name = '" + slotName(sync) + "'");
    return rows.isEmpty() ? null : (Boolean) rows.get(0).get("active");
  }

  private static boolean publicationExists(String sync) {
    return db.queryLong(
            "SELECT count(*) FROM pg_publication WHERE pubname = '" + slotName(sync) + "'")
        > 0;
  }

  private static String slotName(String sync) {
    return "sss_" + sync.replace('-', '_');
  }

  // --- Kubernetes

  /**
   * Creates one of the example's Secrets with the values of this test (as a user edits the example
   * before applying it): the disposable Postgres's credentials, the sandbox's connected app.
   */
  private static void createSecret(String ns, String name) {
    Secret secret =
        fixture
            .client()
            .load(
                new ByteArrayInputStream(
                    RepoFiles.read("examples/contacts-salesforce-secrets.yaml")
                        .getBytes(StandardCharsets.UTF_8)))
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
      case "sf-oauth" -> {
        values.put("clientId", CLIENT_ID);
        values.put("clientSecret", CLIENT_SECRET);
      }
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

  private static Deployment deployment(String ns, String name) {
    return fixture
        .client()
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(ResourceNames.deployment(name))
        .get();
  }

  private static String configHash(String ns, String name) {
    return deployment(ns, name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(RunnerLabels.CONFIG_HASH);
  }

  private static void setSuspend(String ns, String name, boolean suspend) {
    fixture.edit(ns, name, s -> s.getSpec().setSuspend(suspend));
  }

  private static List<Event> events(String ns, String name) {
    return fixture.client().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static List<String> reasons(String ns, String name) {
    return events(ns, name).stream().map(Event::getReason).toList();
  }
}

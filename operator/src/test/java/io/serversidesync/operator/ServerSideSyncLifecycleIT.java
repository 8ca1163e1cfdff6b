package io.serversidesync.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.FieldMapping;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.dependent.ResourceNames;
import io.serversidesync.operator.dependent.RunnerLabels;
import io.serversidesync.operator.harness.FakeRunner;
import io.serversidesync.operator.harness.FakeRunnerLauncher;
import io.serversidesync.operator.harness.RunnerLauncher.CleanupResult;
import io.serversidesync.operator.status.Conditions;
import io.serversidesync.operator.testing.OperatorFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scenario on Fabric8's mock API server, with the harness kubelet running fake runners:
 * apply → Ready/Streaming with the runner's counters; a mapping change rolls the pod; suspend and
 * resume; delete runs the cleanup Job and releases the finalizer; a missing Secret stalls the sync
 * until it exists; a failed cleanup is reported and retried.
 */
@Tag("integration")
class ServerSideSyncLifecycleIT {

  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static FakeRunnerLauncher runners;
  private static OperatorFixture fixture;

  @BeforeAll
  static void start() {
    runners = new FakeRunnerLauncher();
    fixture = new OperatorFixture(runners, POLL);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void appliedExampleBecomesReadyAndStreamingWithTheRunnersCounters() {
    String ns = "apply";
    fixture.namespaceWithSecrets(ns);
    fixture.apply("examples/contacts-salesforce.yaml", ns);
    String name = "contacts-to-salesforce";

    ServerSideSync sync =
        awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);

    assertThat(sync.getStatus().getObservedGeneration())
        .isEqualTo(sync.getMetadata().getGeneration());
    assertThat(sync.getStatus().getCounters()).isEqualTo(FakeRunnerLauncher.COUNTERS);
    assertThat(sync.getStatus().getConfirmedLsn()).isEqualTo("0/16B3748");
    assertThat(condition(sync, Condition.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(sync, Condition.STALLED).getStatus()).isEqualTo("False");
    assertThat(sync.getMetadata().getFinalizers()).contains(ServerSideSyncOperator.FINALIZER);

    Deployment deployment = deployment(ns, name);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey(RunnerLabels.CONFIG_HASH);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(OperatorFixture.RUNNER_IMAGE);
    assertThat(container.getArgs())
        .containsExactly(
            "run",
            "--config",
            RunnerContract.CONFIG_DIR + "/" + RunnerContract.CONFIG_FILE_NAME,
            "--on-failure",
            "stay",
            "--status-address",
            "0.0.0.0");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests().get("memory").toString()).isEqualTo("384Mi");
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    // Each referenced Secret is mounted at SECRETS_DIR/<name>, never copied.
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains(RunnerContract.SECRETS_DIR + "/app-db", RunnerContract.SECRETS_DIR + "/sf-oauth");

    ConfigMap config =
        fixture.client().configMaps().inNamespace(ns).withName(ResourceNames.configMap(name)).get();
    String manifest = config.getData().get(RunnerContract.CONFIG_FILE_NAME);
    assertThat(manifest).contains("upsertKey: customer_ref").doesNotContain("change-me");
    Service service =
        fixture.client().services().inNamespace(ns).withName(ResourceNames.service(name)).get();
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(RunnerContract.STATUS_PORT);
    for (HasMetadata owned : List.of(deployment, config, service)) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(r -> assertThat(r.getUid()).isEqualTo(sync.getMetadata().getUid()));
    }
    assertThat(reasons(ns, name)).contains("Pending", "Streaming");
  }

  @Test
  void mappingChangeRollsTheRunnerWithTheNewManifest() {
    String ns = "roll";
    String name = "roll-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    String hashBefore = configHash(ns, name);
    int startsBefore = fixture.kubelet().podStarts(ns, name);

    fixture.edit(ns, name, s -> s.getSpec().getMapping().add(new FieldMapping("title", "Title")));

    await().atMost(WAIT).until(() -> !configHash(ns, name).equals(hashBefore));
    await().atMost(WAIT).until(() -> fixture.kubelet().podStarts(ns, name) == startsBefore + 1);
    FakeRunner runner = runners.runner(ns, name).orElseThrow();
    assertThat(runner.manifest().getSpec().getMapping())
        .extracting(FieldMapping::getColumn)
        .contains("title");
    ServerSideSync ready =
        awaitStatus(
            ns,
            name,
            s ->
                isReady(s)
                    && s.getStatus()
                        .getObservedGeneration()
                        .equals(s.getMetadata().getGeneration()));
    assertThat(ready.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void suspendScalesToZeroAndResumeStartsTheRunnerAgain() {
    String ns = "suspend";
    String name = "suspended-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);

    setSuspend(ns, name, true);
    ServerSideSync suspended =
        awaitStatus(
            ns,
            name,
            s ->
                s.getStatus().getPhase() == Phase.Suspended
                    && "False".equals(condition(s, Condition.RECONCILING).getStatus()));
    assertThat(deployment(ns, name).getSpec().getReplicas()).isZero();
    assertThat(runners.runner(ns, name))
        .hasValueSatisfying(r -> assertThat(fixture.kubelet().statusPort(ns, name)).isEmpty());
    Condition ready = condition(suspended, Condition.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("Suspended");
    assertThat(ready.getMessage()).contains("sss_suspended_sync").contains("retains WAL");
    // The counters of the last run stay visible while suspended.
    assertThat(suspended.getStatus().getCounters()).isEqualTo(FakeRunnerLauncher.COUNTERS);
    assertThat(reasons(ns, name)).contains("Suspended");

    setSuspend(ns, name, false);
    awaitStatus(ns, name, s -> isReady(s) && s.getStatus().getPhase() == Phase.Streaming);
    assertThat(deployment(ns, name).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void deleteStopsTheRunnerRunsTheCleanupJobAndReleasesTheFinalizer() {
    String ns = "delete";
    String name = "deleted-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);

    fixture.client().resource(fixture.get(ns, name)).delete();

    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(runners.cleanupsRun())
        .anySatisfy(
            pod -> {
              assertThat(pod.sync()).isEqualTo(name);
              assertThat(pod.args()).first().isEqualTo("cleanup");
              assertThat(pod.secretsDir().resolve("app-db/password")).exists();
            });
    assertThat(reasons(ns, name)).contains("CleanupStarted", "CleanedUp");
    // The runner was stopped before the cleanup ran (a slot in use cannot be dropped), and the
    // garbage collector removed what the sync owned.
    await().atMost(WAIT).until(() -> fixture.kubelet().statusPort(ns, name).isEmpty());
    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture.client().apps().deployments().inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  void failedCleanupIsReportedAndRetriedUntilItSucceeds() {
    String ns = "cleanup-fails";
    String name = "stubborn-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    runners.scriptCleanups(
        ns, name, CleanupResult.failure("FATAL: password authentication failed for user \"sss\""));

    fixture.client().resource(fixture.get(ns, name)).delete();

    ServerSideSync failed =
        awaitStatus(
            ns, name, s -> "CleanupFailed".equals(condition(s, Condition.STALLED).getReason()));
    Condition stalled = condition(failed, Condition.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getMessage())
        .contains("password authentication failed")
        .contains("kubectl logs")
        .contains("deletionPolicy: Retain");
    assertThat(events(ns, name))
        .anySatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("CleanupFailed");
            });
    await().atMost(WAIT).until(() -> fixture.get(ns, name) == null);
    assertThat(runners.cleanupsRun().stream().filter(p -> p.sync().equals(name))).hasSize(2);
  }

  @Test
  void missingSecretStallsWithInvalidSpecUntilTheSecretExists() {
    String ns = "no-secret";
    String name = "waiting-sync";
    fixture.cluster().createNamespace(ns);
    List<HasMetadata> secrets = secretsOfExample();
    fixture.client().resource(withNamespace(secrets.get(0), ns)).create(); // app-db only
    fixture.create(OperatorFixture.example(ns, name));

    ServerSideSync stalled =
        awaitStatus(
            ns, name, s -> Conditions.isTrue(s.getStatus().getConditions(), Condition.STALLED));
    Condition condition = condition(stalled, Condition.STALLED);
    assertThat(condition.getReason()).isEqualTo("InvalidSpec");
    assertThat(condition.getMessage())
        .contains("spec.destination.salesforce.auth.secretRef.name")
        .contains("sf-oauth");
    assertThat(stalled.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(condition(stalled, Condition.READY).getStatus()).isEqualTo("False");
    assertThat(events(ns, name))
        .anySatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("InvalidSpec");
            });
    // No runner is started for an invalid spec.
    assertThat(fixture.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();

    fixture.client().resource(withNamespace(secrets.get(1), ns)).create();

    ServerSideSync ready = awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    assertThat(condition(ready, Condition.STALLED).getStatus()).isEqualTo("False");
  }

  @Test
  void failingRunnerStallsWithItsReasonAndRecovers() {
    String ns = "runner-fails";
    String name = "flaky-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    FakeRunner runner = runners.runner(ns, name).orElseThrow();

    runner.update(
        s ->
            new io.serversidesync.api.runner.RunnerStatus(
                s.sync(),
                Phase.Failed,
                false,
                "CredentialsRejected",
                "Salesforce rejected the client credentials: invalid_client; fix Secret sf-oauth",
                s.lag(),
                s.counters(),
                null,
                s.confirmedLsn(),
                null,
                s.replayErrorsAcknowledged(),
                null));

    ServerSideSync failed =
        awaitStatus(
            ns, name, s -> Conditions.isTrue(s.getStatus().getConditions(), Condition.STALLED));
    assertThat(condition(failed, Condition.STALLED).getReason()).isEqualTo("CredentialsRejected");
    assertThat(failed.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(events(ns, name))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("CredentialsRejected"));

    runner.update(
        s ->
            new io.serversidesync.api.runner.RunnerStatus(
                s.sync(),
                Phase.Streaming,
                true,
                "Streaming",
                "streaming",
                s.lag(),
                s.counters(),
                null,
                s.confirmedLsn(),
                null,
                s.replayErrorsAcknowledged(),
                null));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
  }

  @Test
  void replayAnnotationReachesTheRunnerAndIsAcknowledged() {
    String ns = "replay";
    String name = "replay-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);

    fixture.edit(
        ns,
        name,
        s ->
            s.getMetadata()
                .setAnnotations(Map.of(RunnerContract.REPLAY_ERRORS_ANNOTATION, "2024-06-01")));

    // The annotation is part of the runner's manifest: the runner restarts with it, replays, and
    // reports the value it acted on.
    awaitStatus(
        ns,
        name,
        s -> "2024-06-01".equals(s.getStatus().getReplayErrorsAcknowledged()) && isReady(s));
    assertThat(runners.runner(ns, name).orElseThrow().manifest().getMetadata().getAnnotations())
        .containsEntry(RunnerContract.REPLAY_ERRORS_ANNOTATION, "2024-06-01");
  }

  @Test
  void aReadyIdleSyncCausesNoStatusWrites() {
    String ns = "idle";
    String name = "idle-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    // Let the status settle (the Ready write and its echo), then watch a quiet window.
    await().atMost(WAIT).until(() -> runners.runner(ns, name).orElseThrow().statusReads() >= 3);
    long writesBefore = statusWrites(ns, name);
    FakeRunner runner = runners.runner(ns, name).orElseThrow();
    int readsBefore = runner.statusReads();

    await().atMost(WAIT).until(() -> runner.statusReads() >= readsBefore + 10);

    assertThat(statusWrites(ns, name)).isEqualTo(writesBefore);
    String transition = condition(fixture.get(ns, name), Condition.READY).getLastTransitionTime();
    // A new counter value is a real change: one write, and Ready keeps its transition time.
    runner.update(
        s ->
            new io.serversidesync.api.runner.RunnerStatus(
                s.sync(),
                s.phase(),
                s.ready(),
                s.reason(),
                s.message(),
                s.lag(),
                new io.serversidesync.api.v1alpha1.Counters(100_001, 10_001, 51, 99_950, 3),
                null,
                s.confirmedLsn(),
                null,
                s.replayErrorsAcknowledged(),
                null));
    ServerSideSync updated =
        awaitStatus(ns, name, s -> s.getStatus().getCounters().getChangesCaptured() == 100_001);
    assertThat(condition(updated, Condition.READY).getLastTransitionTime()).isEqualTo(transition);
    await().atMost(WAIT).until(() -> runner.statusReads() >= readsBefore + 15);
    assertThat(statusWrites(ns, name)).isEqualTo(writesBefore + 1);
  }

  @Test
  void aHandEditedRunnerDeploymentIsPutBack() {
    String ns = "hand-edit";
    String name = "edited-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);

    fixture.edit(
        () -> deployment(ns, name),
        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:latest"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                deployment(ns, name)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .equals(OperatorFixture.RUNNER_IMAGE));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
  }

  @Test
  void removingAReferencedSecretKeyStallsTheSyncUntilItIsBack() {
    String ns = "key-removed";
    String name = "keyless-sync";
    fixture.namespaceWithSecrets(ns);
    fixture.create(OperatorFixture.example(ns, name));
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
    io.fabric8.kubernetes.api.model.Secret oauth =
        fixture.client().secrets().inNamespace(ns).withName("sf-oauth").get();
    Map<String, String> complete = Map.copyOf(oauth.getStringData());

    oauth.getStringData().remove("clientSecret");
    fixture.client().resource(oauth).update();

    ServerSideSync stalled =
        awaitStatus(
            ns, name, s -> Conditions.isTrue(s.getStatus().getConditions(), Condition.STALLED));
    assertThat(condition(stalled, Condition.STALLED).getMessage())
        .contains("sf-oauth")
        .contains("clientSecret")
        .doesNotContain(complete.get("clientSecret"));
    // The running runner is left alone while the spec cannot be checked.
    assertThat(fixture.kubelet().statusPort(ns, name)).isPresent();

    oauth = fixture.client().secrets().inNamespace(ns).withName("sf-oauth").get();
    oauth.setStringData(new java.util.HashMap<>(complete));
    fixture.client().resource(oauth).update();
    awaitStatus(ns, name, ServerSideSyncLifecycleIT::isReady);
  }

  // --- helpers

  private static long statusWrites(String ns, String name) {
    return fixture.cluster().operatorRequests().stream()
        .filter(r -> r.isStatusWriteOf(ns, name))
        .count();
  }

  private static ServerSideSync awaitStatus(
      String ns, String name, Predicate<ServerSideSync> until) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
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

  private static List<HasMetadata> secretsOfExample() {
    return fixture
        .client()
        .load(
            new java.io.ByteArrayInputStream(
                io.serversidesync.operator.testing.RepoFiles.read(
                        "examples/contacts-salesforce-secrets.yaml")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .items();
  }

  private static HasMetadata withNamespace(HasMetadata object, String ns) {
    object.getMetadata().setNamespace(ns);
    return object;
  }
}

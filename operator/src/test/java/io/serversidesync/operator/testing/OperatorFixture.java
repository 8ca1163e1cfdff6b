package io.serversidesync.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.ServerSideSyncOperator;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.harness.Kubelet;
import io.serversidesync.operator.harness.RunnerLauncher;
import io.serversidesync.operator.status.HttpRunnerStatusClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The operator running against the mock API server, with the harness kubelet running its pods
 * through a launcher. The operator reads the runners' /status over HTTP, exactly as in a cluster;
 * only the address differs (a local port instead of the Service's DNS name).
 */
public final class OperatorFixture implements AutoCloseable {

  public static final String RUNNER_IMAGE = "ghcr.io/serversidesync/sync-runner:test";

  private final MockCluster cluster;
  private final Kubelet kubelet;
  private ServerSideSyncOperator operator;
  private final KubernetesClient client;

  public OperatorFixture(RunnerLauncher launcher, Duration pollInterval) {
    this(
        launcher,
        OperatorSettings.defaults(RUNNER_IMAGE)
            .withStatusPollInterval(pollInterval)
            // Long enough that a test polling the status sees CleanupFailed before the retry
            // succeeds, even on a loaded machine.
            .withCleanupRetryDelay(Duration.ofSeconds(5)));
  }

  public OperatorFixture(RunnerLauncher launcher, OperatorSettings settings) {
    this(launcher);
    operator = newOperator(settings, "operator-test");
    operator.start();
  }

  private OperatorFixture(RunnerLauncher launcher) {
    cluster = new MockCluster();
    client = cluster.client("test");
    kubelet = new Kubelet(cluster.client("kubelet"), launcher).start();
  }

  /** The cluster and the kubelet only: the test starts its operators with {@link #newOperator}. */
  public static OperatorFixture withoutOperator(RunnerLauncher launcher) {
    return new OperatorFixture(launcher);
  }

  /**
   * An operator on this cluster that reads the runners' /status through the kubelet's ports, not
   * started yet. Its requests count as the operator's ({@link MockCluster#OPERATOR_AGENT}); the
   * caller closes it.
   */
  public ServerSideSyncOperator newOperator(OperatorSettings settings, String identity) {
    return newOperator(
        settings,
        identity,
        MockCluster.OPERATOR_AGENT,
        new SimpleMeterRegistry(),
        UnaryOperator.identity());
  }

  /**
   * An operator whose requests carry the given user agent, with its own meters and leader election
   * adjusted; not started yet, the caller closes it.
   */
  public ServerSideSyncOperator newOperator(
      OperatorSettings settings,
      String identity,
      String userAgent,
      MeterRegistry meters,
      UnaryOperator<LeaderElectionConfigurationBuilder> leaderElection) {
    return new ServerSideSyncOperator(
        cluster.client(userAgent),
        settings,
        new HttpRunnerStatusClient(
            sync ->
                URI.create(
                    "http://127.0.0.1:"
                        + kubelet
                            .statusPort(
                                sync.getMetadata().getNamespace(), sync.getMetadata().getName())
                            .orElse(9))),
        Clock.systemUTC(),
        meters,
        identity,
        leaderElection);
  }

  /** Stops the operator and starts a new one with other settings (an upgrade, a failover). */
  public void replaceOperator(OperatorSettings settings) {
    operator.close();
    operator = newOperator(settings, "operator-test-replacement");
    operator.start();
  }

  public MockCluster cluster() {
    return cluster;
  }

  /** The test's own client (its requests are not the operator's). */
  public KubernetesClient client() {
    return client;
  }

  public Kubelet kubelet() {
    return kubelet;
  }

  public ServerSideSyncOperator operator() {
    return operator;
  }

  /** Creates every object of a manifest file of the repository in a namespace. */
  public List<HasMetadata> apply(String repoFile, String namespace) {
    List<HasMetadata> objects =
        client
            .load(
                new java.io.ByteArrayInputStream(
                    RepoFiles.read(repoFile).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .items();
    objects.forEach(o -> o.getMetadata().setNamespace(namespace));
    return objects.stream().map(o -> client.resource(o).create()).toList();
  }

  /** examples/contacts-salesforce.yaml under another name, in a namespace. */
  public static ServerSideSync example(String namespace, String name) {
    ServerSideSync sync = SERIALIZATION.clone(EXAMPLE);
    sync.getMetadata().setName(name);
    sync.getMetadata().setNamespace(namespace);
    return sync;
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Read once, with the strict reader: hundreds of syncs are made from it. */
  private static final ServerSideSync EXAMPLE = readExample();

  private static ServerSideSync readExample() {
    try {
      return new io.serversidesync.api.manifest.ManifestReader()
          .read(
              "examples/contacts-salesforce.yaml",
              RepoFiles.read("examples/contacts-salesforce.yaml"));
    } catch (io.serversidesync.api.manifest.InvalidManifestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A namespace with the example's Secrets. */
  public void namespaceWithSecrets(String namespace) {
    cluster.createNamespace(namespace);
    apply("examples/contacts-salesforce-secrets.yaml", namespace);
  }

  public ServerSideSync create(ServerSideSync sync) {
    return client.resource(sync).create();
  }

  public ServerSideSync get(String namespace, String name) {
    return client.resources(ServerSideSync.class).inNamespace(namespace).withName(name).get();
  }

  /** Changes a sync as {@code kubectl edit} would; see {@link #edit(Supplier, Consumer)}. */
  public ServerSideSync edit(String namespace, String name, Consumer<ServerSideSync> change) {
    return edit(() -> get(namespace, name), change);
  }

  /**
   * Reads the latest version of a resource, changes it and writes it back, again when someone wrote
   * it in between (409 Conflict), as client-go's RetryOnConflict does. The operator writes the
   * resources a test edits (a sync's status, a Deployment's spec), and the mock API server gives
   * even a status write a new resourceVersion: a single read-modify-write races it and, on a busy
   * machine, loses.
   */
  public <T extends HasMetadata> T edit(Supplier<T> latest, Consumer<T> change) {
    for (int attempt = 1; ; attempt++) {
      T resource = latest.get();
      change.accept(resource);
      try {
        return client.resource(resource).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    kubelet.close();
    cluster.close();
  }
}

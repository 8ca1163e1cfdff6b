package io.serversidesync.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.events.KubernetesEventRecorder;
import io.serversidesync.operator.rbac.OperatorPermissions;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.reconciler.ServerSideSyncReconciler;
import io.serversidesync.operator.status.RunnerStatusClient;
import io.serversidesync.operator.validation.InformerSecretKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator: JOSDK with the ServerSideSync reconciler, configured from {@link OperatorSettings}.
 *
 * <p>It runs without server-side apply, for the primary resource and for the dependents, in
 * production as in tests: the operator is the only writer of the objects it creates, so SSA's field
 * ownership buys nothing here, while running the same code paths that the tests (Fabric8's mock API
 * server, which cannot apply) exercise is worth a lot. The dependents compare a hash of the desired
 * object instead, which API-server defaulting cannot disturb (see docs/operator.md).
 */
public final class ServerSideSyncOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerSideSyncOperator.class);

  /** The operator's finalizer on every ServerSideSync. */
  public static final String FINALIZER = "serversidesync.io/cleanup";

  private final OperatorSettings settings;
  private final Operator operator;
  private final ServerSideSyncReconciler reconciler;
  private final RegisteredController<ServerSideSync> controller;
  private volatile boolean closing;

  public ServerSideSyncOperator(
      KubernetesClient client,
      OperatorSettings settings,
      RunnerStatusClient runners,
      Clock clock,
      MeterRegistry meters,
      String instance) {
    this(client, settings, runners, clock, meters, instance, UnaryOperator.identity());
  }

  /**
   * @param leaderElection adjusts the leader election built from the settings (client-go's timing:
   *     a 15 s lease renewed every 2 s; losing the lease ends the process, so a replica that was
   *     cut off never reconciles next to the new leader). Tests shorten the timing and keep the JVM
   *     when a replica stops.
   */
  public ServerSideSyncOperator(
      KubernetesClient client,
      OperatorSettings settings,
      RunnerStatusClient runners,
      Clock clock,
      MeterRegistry meters,
      String instance,
      UnaryOperator<LeaderElectionConfigurationBuilder> leaderElection) {
    this.settings = settings;
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .checkingCRDAndValidateLocalModel(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meters));
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    leaderElection
                        .apply(
                            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                                    settings.leaseName())
                                .withLeaseNamespace(settings.leaseNamespace())
                                .withIdentity(instance)
                                // JOSDK's own exit runs on the thread that stops the leader
                                // elector: from the shutdown hook, System.exit would wait for
                                // that very hook, and the pod would wait for its SIGKILL.
                                .withExitOnStopLeading(false)
                                .withLeaderCallbacks(
                                    new LeaderCallbacks(() -> {}, this::leadershipLost, id -> {})))
                        .build());
              }
            });
    this.reconciler =
        new ServerSideSyncReconciler(
            settings,
            new InformerSecretKeys(),
            runners,
            new KubernetesEventRecorder(client, clock, instance),
            clock);
    this.controller =
        operator.register(
            reconciler,
            c -> {
              c.withFinalizer(FINALIZER);
              if (!settings.watchesAllNamespaces()) {
                c.settingNamespaces(settings.watchNamespaces());
              }
            });
  }

  public void start() {
    operator.start();
  }

  @Override
  public void close() {
    closing = true;
    operator.stop();
  }

  /**
   * The Lease was lost while running (the API server was out of reach longer than the renew
   * deadline, say): another replica may lead already, so this process ends rather than reconcile
   * next to it, and Kubernetes restarts it as a standby. Stopping on purpose ends leading too, and
   * is not a loss. The exit runs on its own thread: the leader elector's thread holds a lock that
   * the shutdown hook's stop needs.
   */
  private void leadershipLost() {
    if (closing) {
      return;
    }
    LOG.error(
        "lost the leader Lease {}/{}; exiting so that only the new leader reconciles",
        settings.leaseNamespace(),
        settings.leaseName());
    Thread exit = new Thread(() -> System.exit(1), "exit-on-lost-lease");
    exit.start();
  }

  /** Whether the operator started and its informers are healthy (the pod's liveness). */
  public boolean healthy() {
    return operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** The leader election this operator takes part in, if enabled. */
  public Optional<LeaderElectionConfiguration> leaderElection() {
    return operator.getConfigurationService().getLeaderElectionConfiguration();
  }

  /** Whether the operator started (the pod's readiness; a standby replica is ready too). */
  public boolean started() {
    return operator.getRuntimeInfo().isStarted();
  }

  /**
   * What this operator, as configured, asks of the API server; the Helm chart's RBAC must grant
   * exactly this.
   */
  public OperatorPermissions permissions() {
    Class<ServerSideSync> primary = controller.getConfiguration().getResourceClass();
    String group = HasMetadata.getGroup(primary);
    String plural = HasMetadata.getPlural(primary);
    List<Permission> watched = new ArrayList<>();
    // Informer (list, watch); finalizer add and remove (patch); a re-read when that patch
    // conflicts (get). The reconciler adds the status subresource.
    watched.add(Permission.of(group, plural, "get", "list", "watch", "patch"));
    watched.addAll(reconciler.permissions());
    watched.addAll(KubernetesEventRecorder.PERMISSIONS);
    List<Permission> own = new ArrayList<>();
    if (settings.leaderElection()) {
      // Fabric8's LeaseLock reads, creates and patches the Lease; JOSDK checks for update too.
      own.add(Permission.of("coordination.k8s.io", "leases", "get", "create", "update", "patch"));
    }
    return new OperatorPermissions(watched, own);
  }
}

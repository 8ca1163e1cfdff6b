package io.serversidesync.operator.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.ServerSideSyncOperator;
import io.serversidesync.operator.dependent.RunnerLabels;
import io.serversidesync.operator.testing.MockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The baseline of the operator's benchmark: the API requests that N syncs need at the very least
 * (create the sync, add the finalizer, create its ConfigMap, Service and Deployment, two events,
 * two status writes, and the two Deployment status writes of the kubelet), replayed with the very
 * objects of the measured run on a fresh mock API server, without an operator, from a few client
 * threads, with the same watches open as in the measured run.
 *
 * <p>Fabric8's mock API server keeps every object in one map behind one lock and scans it all for
 * each request, so its cost grows with the number of objects; on a shared 2-core machine this
 * replay alone takes most of the measured time. The ratio of the two is what the operator adds.
 */
final class ApiFloor {

  /** What the measured run created for each sync. */
  record Objects(
      List<ServerSideSync> syncs,
      Map<String, ConfigMap> configMaps,
      Map<String, Service> services,
      Map<String, Deployment> deployments,
      Map<String, List<Event>> events) {

    /** Reads them from the measured cluster, keyed by the sync's name. */
    static Objects of(KubernetesClient client, String ns) {
      Function<HasMetadata, String> sync = o -> o.getMetadata().getLabels().get(RunnerLabels.SYNC);
      return new Objects(
          client.resources(ServerSideSync.class).inNamespace(ns).list().getItems(),
          client
              .configMaps()
              .inNamespace(ns)
              .withLabel(RunnerLabels.SYNC)
              .list()
              .getItems()
              .stream()
              .collect(Collectors.toMap(sync, c -> c)),
          client.services().inNamespace(ns).withLabel(RunnerLabels.SYNC).list().getItems().stream()
              .collect(Collectors.toMap(sync, c -> c)),
          client
              .apps()
              .deployments()
              .inNamespace(ns)
              .withLabel(RunnerLabels.SYNC)
              .list()
              .getItems()
              .stream()
              .collect(Collectors.toMap(sync, c -> c)),
          client.v1().events().inNamespace(ns).list().getItems().stream()
              .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName())));
    }
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ApiFloor() {}

  /** Replays the requests of the measured syncs; returns the seconds it took. */
  static double replay(Objects measured, String ns, int threads) throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      List<SharedIndexInformer<?>> watches = sameWatches(cluster);
      cluster.createNamespace(ns);
      KubernetesClient admin = cluster.client("floor-setup");
      for (HasMetadata secret : secretsOf(admin)) {
        secret.getMetadata().setNamespace(ns);
        admin.resource(secret).create();
      }
      List<KubernetesClient> clients = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        clients.add(cluster.client("floor-" + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      try {
        List<Future<?>> work = new ArrayList<>();
        int i = 0;
        for (ServerSideSync sync : measured.syncs()) {
          KubernetesClient client = clients.get(i++ % threads);
          work.add(pool.submit(() -> replayOne(client, measured, sync)));
        }
        for (Future<?> w : work) {
          w.get();
        }
      } finally {
        pool.shutdown();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      watches.forEach(SharedIndexInformer::close);
      return seconds;
    }
  }

  private static Void replayOne(KubernetesClient client, Objects measured, ServerSideSync sync) {
    String name = sync.getMetadata().getName();
    ServerSideSync fresh = new ServerSideSync();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(sync.getMetadata().getNamespace())
            .withAnnotations(sync.getMetadata().getAnnotations())
            .build());
    fresh.setSpec(sync.getSpec());
    ServerSideSync created = client.resource(fresh).create();
    created =
        client
            .resource(created)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"" + ServerSideSyncOperator.FINALIZER + "\"]}}");
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion(ServerSideSync.API_VERSION)
            .withKind(ServerSideSync.KIND)
            .withName(name)
            .withUid(created.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(false)
            .build();
    client.resource(copy(measured.configMaps().get(name), owner)).create();
    client.resource(copy(measured.services().get(name), owner)).create();
    Deployment deployment = copy(measured.deployments().get(name), owner);
    deployment.setStatus(null);
    client.resource(deployment).create();
    for (Event event : measured.events().getOrDefault(name, List.of())) {
      Event e = copy(event, null);
      e.getInvolvedObject().setUid(created.getMetadata().getUid());
      client.resource(e).create();
    }
    ServerSideSyncStatus ready = sync.getStatus();
    ServerSideSyncStatus pending = copyStatus(ready);
    pending.setPhase(Phase.Pending);
    created.setStatus(pending);
    created = client.resource(created).updateStatus();
    created.setStatus(ready);
    client.resource(created).updateStatus();
    for (int available = 0; available <= 1; available++) {
      DeploymentStatus status =
          new DeploymentStatusBuilder()
              .withObservedGeneration(1L)
              .withReplicas(1)
              .withUpdatedReplicas(1)
              .withReadyReplicas(available)
              .withAvailableReplicas(available)
              .build();
      client
          .resource(
              new DeploymentBuilder()
                  .withMetadata(
                      new ObjectMetaBuilder()
                          .withName(deployment.getMetadata().getName())
                          .withNamespace(deployment.getMetadata().getNamespace())
                          .build())
                  .withStatus(status)
                  .build())
          .patchStatus();
    }
    return null;
  }

  /** The watches of the measured run: the operator's informers, the kubelet's and the user's. */
  private static List<SharedIndexInformer<?>> sameWatches(MockCluster cluster) {
    List<SharedIndexInformer<?>> watches = new ArrayList<>();
    for (String who : List.of("floor-operator", "floor-kubelet")) {
      KubernetesClient c = cluster.client(who);
      String managed = RunnerLabels.MANAGED_BY;
      watches.add(c.resources(ServerSideSync.class).inAnyNamespace().inform());
      watches.add(c.configMaps().inAnyNamespace().withLabel(managed).inform());
      watches.add(c.apps().deployments().inAnyNamespace().withLabel(managed).inform());
      watches.add(c.batch().v1().jobs().inAnyNamespace().withLabel(managed).inform());
      watches.add(c.secrets().inAnyNamespace().inform());
      if (who.equals("floor-operator")) {
        watches.add(c.services().inAnyNamespace().withLabel(managed).inform());
      }
    }
    watches.add(cluster.client("floor-user").resources(ServerSideSync.class).inform());
    return watches;
  }

  private static List<HasMetadata> secretsOf(KubernetesClient client) {
    return client
        .load(
            new java.io.ByteArrayInputStream(
                io.serversidesync.operator.testing.RepoFiles.read(
                        "examples/contacts-salesforce-secrets.yaml")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(o -> o instanceof Secret)
        .toList();
  }

  /** A copy to create again: the same content, none of the server's metadata. */
  private static <T extends HasMetadata> T copy(T object, OwnerReference owner) {
    T copy = SERIALIZATION.clone(object);
    ObjectMeta m = copy.getMetadata();
    m.setUid(null);
    m.setResourceVersion(null);
    m.setCreationTimestamp(null);
    m.setGeneration(null);
    m.setManagedFields(null);
    if (owner != null) {
      m.setOwnerReferences(List.of(owner));
    }
    return copy;
  }

  private static ServerSideSyncStatus copyStatus(ServerSideSyncStatus status) {
    return SERIALIZATION.clone(status);
  }
}

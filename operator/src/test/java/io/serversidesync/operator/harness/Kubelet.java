package io.serversidesync.operator.harness;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.dependent.RunnerLabels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for the kubelet, the Deployment and Job controllers and the garbage
 * collector, for Fabric8's mock API server. It watches the Deployments and Jobs the operator
 * creates, runs their pods through a {@link RunnerLauncher} (Recreate: the old pod stops before the
 * new one starts), probes /readyz like a readiness probe, starts a runner that exited (or did not
 * start) again after a short back-off, as with {@code restartPolicy: Always}, and reports pod and
 * Job status back; when a ServerSideSync is gone it deletes what the sync owned.
 *
 * <p>Like the real components it reads what it needs from informers (the pods' ConfigMaps and
 * Secrets included) and writes only status, with a merge patch of the status alone: the harness
 * must not be the bottleneck of a benchmark with hundreds of syncs, nor add requests a cluster
 * would not see. The work of one Deployment or Job runs on one of a few worker threads, chosen by
 * its key, so the events of one object are handled in order and different objects in parallel.
 */
public final class Kubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
  private static final int WORKERS = 4;

  /**
   * Probe period until a pod is first ready, and after (the pod spec says 5 s; tests wait less).
   */
  private static final Duration PROBE_STARTING = Duration.ofMillis(50);

  private static final Duration PROBE_READY = Duration.ofSeconds(5);
  private static final Duration MOUNT_RETRY = Duration.ofMillis(100);

  /**
   * Back-off before a container that exited, or did not start, is started again (the kubelet's
   * starts at 10 s; a test would only wait longer).
   */
  private static final Duration RESTART_DELAY = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final RunnerLauncher launcher;
  private final List<ExecutorService> workers = new ArrayList<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService cleanups = Executors.newCachedThreadPool();
  private final HttpClient probes =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Path podsRoot;
  private final AtomicInteger podCount = new AtomicInteger();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Map<String, String> deploymentOfSync = new ConcurrentHashMap<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final Map<String, Written> written = new ConcurrentHashMap<>();
  private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private volatile boolean closed;
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<ConfigMap> configMaps;
  private SharedIndexInformer<Secret> secrets;

  /**
   * A running pod. Like the kubelet, it turns unready only after failureThreshold probes in a row
   * failed (a probe can time out on a busy machine without the runner being unready).
   */
  private record Pod(
      String templateHash,
      RunnerLauncher.RunningRunner runner,
      PodContext context,
      int failureThreshold,
      boolean ready,
      int failures) {

    Pod probed(boolean ok) {
      if (ok) {
        return new Pod(templateHash, runner, context, failureThreshold, true, 0);
      }
      int failed = failures + 1;
      return new Pod(
          templateHash,
          runner,
          context,
          failureThreshold,
          ready && failed < failureThreshold,
          failed);
    }
  }

  public Kubelet(KubernetesClient client, RunnerLauncher launcher) {
    this.client = client;
    this.launcher = launcher;
    for (int i = 0; i < WORKERS; i++) {
      workers.add(Executors.newSingleThreadExecutor());
    }
    try {
      podsRoot = Files.createTempDirectory("sss-kubelet-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Kubelet start() {
    configMaps =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel(RunnerLabels.MANAGED_BY, RunnerLabels.OPERATOR)
            .inform();
    secrets = client.secrets().inAnyNamespace().inform();
    informers.add(configMaps);
    informers.add(secrets);
    deployments =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(RunnerLabels.MANAGED_BY, RunnerLabels.OPERATOR)
            .inform(handler(d -> onWorker(key(d), () -> syncDeployment(key(d)))), 0);
    informers.add(deployments);
    informers.add(
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .withLabel(RunnerLabels.MANAGED_BY, RunnerLabels.OPERATOR)
            .inform(
                new ResourceEventHandler<Job>() {
                  @Override
                  public void onAdd(Job job) {
                    onWorker(key(job), () -> runJob(job));
                  }

                  @Override
                  public void onUpdate(Job oldJob, Job newJob) {}

                  @Override
                  public void onDelete(Job job, boolean unknown) {}
                },
                0));
    informers.add(
        client
            .resources(ServerSideSync.class)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ServerSideSync obj) {}

                  @Override
                  public void onUpdate(ServerSideSync oldObj, ServerSideSync newObj) {}

                  @Override
                  public void onDelete(ServerSideSync obj, boolean unknown) {
                    onWorker(key(obj), () -> collectGarbage(obj));
                  }
                },
                0));
    return this;
  }

  /** The local status port of a sync's running runner pod. */
  public Optional<Integer> statusPort(String namespace, String sync) {
    return pod(namespace, sync).map(p -> p.runner().statusPort());
  }

  /** How many runner pods were started for a sync so far (each roll starts one). */
  public int podStarts(String namespace, String sync) {
    return starts.getOrDefault(namespace + "/" + sync, 0);
  }

  /** How many times the runner container of a sync's pods was restarted after it exited. */
  public int containerRestarts(String namespace, String sync) {
    return restarts.getOrDefault(namespace + "/" + sync, 0);
  }

  /** The files of a sync's running pod. */
  public Optional<PodContext> runningPod(String namespace, String sync) {
    return pod(namespace, sync).map(Pod::context);
  }

  @Override
  public void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::close);
    timers.shutdownNow();
    workers.forEach(ExecutorService::shutdownNow);
    cleanups.shutdownNow();
    pods.values().forEach(p -> p.runner().close());
    pods.clear();
    try (Stream<Path> files = Files.walk(podsRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("kubelet: cannot delete {}: {}", podsRoot, e.getMessage());
    }
  }

  private Optional<Pod> pod(String namespace, String sync) {
    String deployment = deploymentOfSync.get(namespace + "/" + sync);
    return deployment == null ? Optional.empty() : Optional.ofNullable(pods.get(deployment));
  }

  /** Runs the work of one object on its worker: in order for the object, in parallel for many. */
  private void onWorker(String key, Runnable work) {
    if (closed) {
      return;
    }
    try {
      workers
          .get(Math.floorMod(key.hashCode(), WORKERS))
          .execute(
              () -> {
                try {
                  work.run();
                } catch (RuntimeException e) {
                  if (!closed) {
                    LOG.error("kubelet: failed on {}", key, e);
                  }
                }
              });
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private void later(Duration delay, String key, Runnable work) {
    if (closed) {
      return;
    }
    try {
      timers.schedule(() -> onWorker(key, work), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private void syncDeployment(String key) {
    Deployment d = deployments.getStore().getByKey(key);
    Pod pod = pods.get(key);
    int wanted = d == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    if (d == null || wanted == 0) {
      stop(key);
      if (d != null) {
        writeStatus(d, null);
      }
      return;
    }
    String sync = d.getMetadata().getLabels().get(RunnerLabels.SYNC);
    deploymentOfSync.put(d.getMetadata().getNamespace() + "/" + sync, key);
    String hash = templateHash(d.getSpec().getTemplate());
    if (pod != null && !pod.templateHash().equals(hash)) {
      stop(key); // Recreate: the old pod is gone before the new one starts.
      pod = null;
    }
    if (pod == null) {
      Optional<PodContext> context =
          materialize(d.getMetadata().getNamespace(), sync, d.getSpec().getTemplate());
      if (context.isEmpty()) {
        // ContainerCreating: a mounted ConfigMap or Secret is missing. Try again shortly.
        later(MOUNT_RETRY, key, () -> syncDeployment(key));
        writeStatus(d, null);
        return;
      }
      RunnerLauncher.RunningRunner runner;
      try {
        runner = launcher.start(context.get());
      } catch (Exception e) {
        if (!closed) {
          // As a container in CrashLoopBackOff: the pod is there, not ready, tried again.
          LOG.warn("kubelet: the pod of {} did not start, trying again: {}", key, e.getMessage());
          later(RESTART_DELAY, key, () -> syncDeployment(key));
          writeStatus(d, null);
        }
        return;
      }
      pod =
          new Pod(
              hash, runner, context.get(), failureThreshold(d.getSpec().getTemplate()), false, 0);
      pods.put(key, pod);
      starts.merge(d.getMetadata().getNamespace() + "/" + sync, 1, Integer::sum);
      probe(key, runner);
    }
    writeStatus(d, pod);
  }

  private void stop(String key) {
    Pod pod = pods.remove(key);
    if (pod != null) {
      pod.runner().close();
    }
  }

  /** Probes /readyz of a pod's runner; the result is handled on the pod's worker. */
  private void probe(String key, RunnerLauncher.RunningRunner runner) {
    Pod pod = pods.get(key);
    if (closed || pod == null || pod.runner() != runner) {
      return; // the pod is gone or was replaced: its probes stop
    }
    if (!runner.isAlive()) {
      exited(key, pod);
      return;
    }
    probes
        .sendAsync(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + runner.statusPort() + RunnerContract.READINESS_PATH))
                .timeout(Duration.ofSeconds(1))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> failure == null && response.statusCode() == 200)
        .thenAccept(ready -> onWorker(key, () -> probed(key, runner, ready)));
  }

  private void probed(String key, RunnerLauncher.RunningRunner runner, boolean ready) {
    Pod pod = pods.get(key);
    if (pod == null || pod.runner() != runner) {
      return;
    }
    boolean wasReady = pod.ready();
    pod = pod.probed(ready);
    pods.put(key, pod);
    if (!ready) {
      LOG.debug("kubelet: readiness probe of {} failed ({} in a row)", key, pod.failures());
    }
    if (pod.ready() != wasReady) {
      Deployment d = deployments.getStore().getByKey(key);
      if (d != null) {
        writeStatus(d, pod);
      }
    }
    later(pod.ready() ? PROBE_READY : PROBE_STARTING, key, () -> probe(key, runner));
  }

  /** The pod's runner exited: the pod turns unready and its container is started again. */
  private void exited(String key, Pod pod) {
    LOG.info("kubelet: the runner of {} exited; restarting it in {}", key, RESTART_DELAY);
    Pod unready =
        new Pod(pod.templateHash(), pod.runner(), pod.context(), pod.failureThreshold(), false, 0);
    pods.put(key, unready);
    Deployment d = deployments.getStore().getByKey(key);
    if (pod.ready() && d != null) {
      writeStatus(d, unready);
    }
    later(RESTART_DELAY, key, () -> restart(key, pod.runner()));
  }

  private void restart(String key, RunnerLauncher.RunningRunner exited) {
    Pod pod = pods.get(key);
    if (pod == null || pod.runner() != exited) {
      return; // deleted or replaced meanwhile
    }
    exited.close();
    RunnerLauncher.RunningRunner runner;
    try {
      runner = launcher.start(pod.context());
    } catch (Exception e) {
      if (!closed) {
        LOG.warn(
            "kubelet: the runner of {} did not start again, retrying: {}", key, e.getMessage());
        later(RESTART_DELAY, key, () -> restart(key, exited));
      }
      return;
    }
    Deployment d = deployments.getStore().getByKey(key);
    int threshold = d == null ? 3 : failureThreshold(d.getSpec().getTemplate());
    pods.put(key, new Pod(pod.templateHash(), runner, pod.context(), threshold, false, 0));
    restarts.merge(pod.context().namespace() + "/" + pod.context().sync(), 1, Integer::sum);
    probe(key, runner);
  }

  private void writeStatus(Deployment d, Pod pod) {
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int replicas = wanted == 0 ? 0 : 1;
    int ready = pod != null && pod.ready() ? 1 : 0;
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUnavailableReplicas(replicas - ready)
            .withConditions(
                new DeploymentConditionBuilder()
                    .withType("Available")
                    .withStatus(ready >= wanted ? "True" : "False")
                    .withReason(
                        ready >= wanted ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                    .build())
            .build();
    if (sameCounts(d.getStatus(), status)) {
      return;
    }
    String key = key(d);
    Written last = written.get(key);
    if (last != null && sameCounts(last.status(), status) && isOlder(d, last.resourceVersion())) {
      return; // the informer has not caught up with this very write yet
    }
    Deployment after =
        client
            .resource(new DeploymentBuilder().withMetadata(identity(d)).withStatus(status).build())
            .patchStatus();
    written.put(key, new Written(after.getMetadata().getResourceVersion(), status));
  }

  /** The status this kubelet last wrote for a Deployment, and the version that write made. */
  private record Written(String resourceVersion, DeploymentStatus status) {}

  /**
   * Whether the object is older than the given version. Kubernetes says resource versions are
   * opaque; the mock API server's are increasing numbers, which is all this harness runs against.
   */
  private static boolean isOlder(HasMetadata object, String resourceVersion) {
    try {
      return Long.parseLong(object.getMetadata().getResourceVersion())
          < Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Name and namespace only: the status patch carries no resourceVersion, hence no conflict. */
  private static io.fabric8.kubernetes.api.model.ObjectMeta identity(HasMetadata object) {
    return new ObjectMetaBuilder()
        .withName(object.getMetadata().getName())
        .withNamespace(object.getMetadata().getNamespace())
        .build();
  }

  private static boolean sameCounts(DeploymentStatus a, DeploymentStatus b) {
    return a != null
        && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && Objects.equals(a.getReplicas(), b.getReplicas())
        && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
        && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
        && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas());
  }

  private void runJob(Job job) {
    String key = key(job);
    if (!jobsSeen.add(key + "/" + job.getMetadata().getUid())) {
      return;
    }
    String sync = job.getMetadata().getLabels().get(RunnerLabels.SYNC);
    Optional<PodContext> context =
        materialize(job.getMetadata().getNamespace(), sync, job.getSpec().getTemplate());
    cleanups.execute(
        () -> {
          RunnerLauncher.CleanupResult result;
          try {
            result =
                context.isEmpty()
                    ? RunnerLauncher.CleanupResult.failure(
                        "a mounted ConfigMap or Secret is missing")
                    : launcher.cleanup(context.get());
          } catch (Exception e) {
            result = RunnerLauncher.CleanupResult.failure(e.toString());
          }
          RunnerLauncher.CleanupResult outcome = result;
          onWorker(key, () -> finishJob(job, outcome));
        });
  }

  private void finishJob(Job job, RunnerLauncher.CleanupResult result) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    JobStatus status = new JobStatus();
    if (result.succeeded()) {
      status.setSucceeded(1);
      status.setCompletionTime(now);
      status.setConditions(
          List.of(
              new JobConditionBuilder()
                  .withType("Complete")
                  .withStatus("True")
                  .withLastTransitionTime(now)
                  .build()));
    } else {
      status.setFailed(1);
      status.setConditions(
          List.of(
              new JobConditionBuilder()
                  .withType("Failed")
                  .withStatus("True")
                  .withReason("BackoffLimitExceeded")
                  .withMessage(result.message())
                  .withLastTransitionTime(now)
                  .build()));
    }
    client
        .resource(new JobBuilder().withMetadata(identity(job)).withStatus(status).build())
        .patchStatus();
  }

  /** Deletes what a deleted sync owned, as Kubernetes' garbage collector would. */
  private void collectGarbage(ServerSideSync sync) {
    String uid = sync.getMetadata().getUid();
    String ns = sync.getMetadata().getNamespace();
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.configMaps().inNamespace(ns).list().getItems());
    owned.addAll(client.services().inNamespace(ns).list().getItems());
    owned.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
    owned.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
    for (HasMetadata object : owned) {
      List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
      if (refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()))) {
        client.resource(object).delete();
      }
    }
  }

  /**
   * Writes the pod's mounted ConfigMaps and Secrets, as the informers have them, to a private
   * directory; empty when one is missing.
   */
  private Optional<PodContext> materialize(
      String namespace, String sync, PodTemplateSpec template) {
    try {
      Path root = podsRoot.resolve("pod-" + podCount.incrementAndGet());
      var container = template.getSpec().getContainers().get(0);
      for (VolumeMount mount : container.getVolumeMounts()) {
        Volume volume =
            template.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
        Path dir = root.resolve(mount.getMountPath().replaceFirst("^/+", ""));
        Files.createDirectories(dir);
        if (volume.getConfigMap() != null) {
          ConfigMap cm =
              configMaps
                  .getStore()
                  .getByKey(Cache.namespaceKeyFunc(namespace, volume.getConfigMap().getName()));
          if (cm == null) {
            return Optional.empty();
          }
          for (var e : cm.getData().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
          }
        } else if (volume.getSecret() != null) {
          Secret secret =
              secrets
                  .getStore()
                  .getByKey(Cache.namespaceKeyFunc(namespace, volume.getSecret().getSecretName()));
          if (secret == null) {
            return Optional.empty();
          }
          if (secret.getData() != null) {
            for (var e : secret.getData().entrySet()) {
              Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
            }
          }
          if (secret.getStringData() != null) {
            for (var e : secret.getStringData().entrySet()) {
              Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
          }
        }
      }
      return Optional.of(new PodContext(namespace, sync, container.getArgs(), root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int failureThreshold(PodTemplateSpec template) {
    var probe = template.getSpec().getContainers().get(0).getReadinessProbe();
    return probe == null || probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
  }

  private String templateHash(PodTemplateSpec template) {
    return Integer.toHexString(client.getKubernetesSerialization().asJson(template).hashCode());
  }

  private static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean unknown) {
        onChange.accept(obj);
      }
    };
  }
}

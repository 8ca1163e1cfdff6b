package io.serversidesync.operator.harness;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for the kubelet, the Deployment and Job controllers and the garbage
 * collector, for Fabric8's mock API server. It watches the Deployments and Jobs the operator
 * creates, runs their pods through a {@link RunnerLauncher} (Recreate: the old pod stops before the
 * new one starts), probes /readyz like a readiness probe and reports pod and Job status back; when
 * a ServerSideSync is gone it deletes what the sync owned.
 *
 * <p>All state changes happen on one thread, in the order of the events.
 */
public final class Kubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

  private final KubernetesClient client;
  private final RunnerLauncher launcher;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService cleanups = Executors.newCachedThreadPool();
  private final HttpClient probes =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Deployment> deployments;

  private record Pod(
      String templateHash, RunnerLauncher.RunningRunner runner, PodContext context, boolean ready) {
    Pod withReady(boolean value) {
      return new Pod(templateHash, runner, context, value);
    }
  }

  public Kubelet(KubernetesClient client, RunnerLauncher launcher) {
    this.client = client;
    this.launcher = launcher;
  }

  public Kubelet start() {
    deployments =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(RunnerLabels.MANAGED_BY, RunnerLabels.OPERATOR)
            .inform(handler(d -> loop.execute(() -> syncDeployment(key(d)))), 0);
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
                    loop.execute(() -> runJob(job));
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
                    loop.execute(() -> collectGarbage(obj));
                  }
                },
                0));
    loop.scheduleWithFixedDelay(this::probeAll, 50, 50, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The local status port of a sync's running runner pod. */
  public Optional<Integer> statusPort(String namespace, String sync) {
    Pod pod = pods.get(namespace + "/" + deploymentName(namespace, sync));
    return pod == null ? Optional.empty() : Optional.of(pod.runner().statusPort());
  }

  /** How many runner pods were started for a sync so far (each roll starts one). */
  public int podStarts(String namespace, String sync) {
    return starts.getOrDefault(namespace + "/" + sync, 0);
  }

  /** The files of a sync's running pod. */
  public Optional<PodContext> runningPod(String namespace, String sync) {
    Pod pod = pods.get(namespace + "/" + deploymentName(namespace, sync));
    return pod == null ? Optional.empty() : Optional.of(pod.context());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    loop.shutdownNow();
    cleanups.shutdownNow();
    pods.values().forEach(p -> p.runner().close());
    pods.clear();
  }

  private String deploymentName(String namespace, String sync) {
    return deployments.getStore().list().stream()
        .filter(d -> namespace.equals(d.getMetadata().getNamespace()))
        .filter(d -> sync.equals(d.getMetadata().getLabels().get(RunnerLabels.SYNC)))
        .map(d -> d.getMetadata().getName())
        .findFirst()
        .orElse("");
  }

  private void syncDeployment(String key) {
    try {
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
      String hash = templateHash(d.getSpec().getTemplate());
      if (pod != null && !pod.templateHash().equals(hash)) {
        stop(key); // Recreate: the old pod is gone before the new one starts.
        pod = null;
      }
      if (pod == null) {
        String sync = d.getMetadata().getLabels().get(RunnerLabels.SYNC);
        Optional<PodContext> context =
            materialize(d.getMetadata().getNamespace(), sync, d.getSpec().getTemplate());
        if (context.isEmpty()) {
          // ContainerCreating: a mounted ConfigMap or Secret is missing. Try again shortly.
          loop.schedule(() -> syncDeployment(key), 200, TimeUnit.MILLISECONDS);
          writeStatus(d, null);
          return;
        }
        RunnerLauncher.RunningRunner runner = launcher.start(context.get());
        pod = new Pod(hash, runner, context.get(), false);
        pods.put(key, pod);
        starts.merge(d.getMetadata().getNamespace() + "/" + sync, 1, Integer::sum);
      }
      writeStatus(d, pod);
    } catch (Exception e) {
      LOG.error("kubelet: cannot sync deployment {}", key, e);
    }
  }

  private void stop(String key) {
    Pod pod = pods.remove(key);
    if (pod != null) {
      pod.runner().close();
    }
  }

  private void probeAll() {
    for (Map.Entry<String, Pod> entry : pods.entrySet()) {
      Pod pod = entry.getValue();
      boolean ready = probe(pod.runner().statusPort(), RunnerContract.READINESS_PATH);
      if (ready != pod.ready()) {
        pods.put(entry.getKey(), pod.withReady(ready));
        Deployment d = deployments.getStore().getByKey(entry.getKey());
        if (d != null) {
          writeStatus(d, pods.get(entry.getKey()));
        }
      }
    }
  }

  private boolean probe(int port, String path) {
    try {
      HttpResponse<Void> response =
          probes.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
    client
        .apps()
        .deployments()
        .inNamespace(d.getMetadata().getNamespace())
        .withName(d.getMetadata().getName())
        .editStatus(
            current -> {
              current.setStatus(status);
              return current;
            });
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
          loop.execute(() -> finishJob(job, outcome));
        });
  }

  private void finishJob(Job job, RunnerLauncher.CleanupResult result) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName())
        .editStatus(
            current -> {
              var status =
                  current.getStatus() == null
                      ? new io.fabric8.kubernetes.api.model.batch.v1.JobStatus()
                      : current.getStatus();
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
              current.setStatus(status);
              return current;
            });
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

  /** Writes the pod's mounted ConfigMaps and Secrets to a private directory. */
  private Optional<PodContext> materialize(
      String namespace, String sync, PodTemplateSpec template) {
    try {
      Path root = Files.createTempDirectory("sss-pod-");
      root.toFile().deleteOnExit();
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
              client
                  .configMaps()
                  .inNamespace(namespace)
                  .withName(volume.getConfigMap().getName())
                  .get();
          if (cm == null) {
            return Optional.empty();
          }
          for (var e : cm.getData().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
          }
        } else if (volume.getSecret() != null) {
          Secret secret =
              client
                  .secrets()
                  .inNamespace(namespace)
                  .withName(volume.getSecret().getSecretName())
                  .get();
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

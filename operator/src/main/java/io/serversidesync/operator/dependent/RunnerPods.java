package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ComputeResources;
import io.serversidesync.api.v1alpha1.ResourceAmounts;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.validation.SecretReferences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod of a runner (Deployment) and of its cleanup (Job): the same image, manifest and mounted
 * Secrets, locked down (non-root, read-only root filesystem, no service account token, no privilege
 * escalation, no capabilities), placed as the operator's defaults and the sync's spec.runner.pod
 * say ({@link RunnerPodPlacement}). The placement never touches the lockdown.
 */
public final class RunnerPods {

  /** Non-root user and group of the runner images (see sync-runner/Dockerfile). */
  public static final long RUNNER_UID = 10001;

  public static final String CONTAINER = "runner";
  public static final String STATUS_PORT_NAME = "status";

  static final String DEFAULT_CPU_REQUEST = "250m";
  static final String DEFAULT_MEMORY_REQUEST = "384Mi";
  static final String DEFAULT_MEMORY_LIMIT = "512Mi";

  private static final String CONFIG_VOLUME = "config";
  private static final String TMP_VOLUME = "tmp";

  private final OperatorSettings settings;

  public RunnerPods(OperatorSettings settings) {
    this.settings = settings;
  }

  /** The runner's pod: {@code run}, with probes on the status port. */
  public PodSpec runner(ServerSideSync sync) {
    ContainerBuilder command =
        sync.getSpec().isDryRun()
            // a dry run: the runner's plan mode reads statistics and limits, creates no slot,
            // writes nothing, and serves the estimate on /status, where the operator reads it
            ? container(sync, "plan").addToArgs("--serve")
            // a failure only the user can fix is reported on /status, which the operator reads,
            // instead of a crash loop whose reason only the termination message would carry
            : container(sync, "run").addToArgs("--on-failure", "stay");
    Container container =
        command
            // the kubelet's probes and the operator reach the status port from outside the pod
            .addToArgs("--status-address", "0.0.0.0")
            .addNewPort()
            .withName(STATUS_PORT_NAME)
            .withContainerPort(RunnerContract.STATUS_PORT)
            .withProtocol("TCP")
            .endPort()
            // The JVM and the first connection to Postgres take a while: up to 2 minutes to start.
            .withStartupProbe(probe(RunnerContract.LIVENESS_PATH, 2, 60))
            .withLivenessProbe(probe(RunnerContract.LIVENESS_PATH, 10, 3))
            .withReadinessProbe(probe(RunnerContract.READINESS_PATH, 5, 2))
            .build();
    return pod(sync, container, "Always");
  }

  /** The cleanup Job's pod: {@code cleanup} drops the slot and the publication, then exits. */
  public PodSpec cleanup(ServerSideSync sync) {
    return pod(sync, container(sync, "cleanup").build(), "Never");
  }

  /** Labels of a component's pods: the placement's, then the operator's own (which win). */
  public Map<String, String> labels(ServerSideSync sync, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    RunnerPodTemplate placement = placement(sync);
    if (placement.getLabels() != null) {
      labels.putAll(placement.getLabels());
    }
    labels.putAll(RunnerLabels.of(sync.getMetadata().getName(), component));
    return labels;
  }

  /** Annotations of the pods: the placement's, then the operator's own (which win). */
  public Map<String, String> annotations(ServerSideSync sync, Map<String, String> operators) {
    Map<String, String> annotations = new LinkedHashMap<>();
    RunnerPodTemplate placement = placement(sync);
    if (placement.getAnnotations() != null) {
      annotations.putAll(placement.getAnnotations());
    }
    annotations.putAll(operators);
    return annotations.isEmpty() ? null : annotations;
  }

  private RunnerPodTemplate placement(ServerSideSync sync) {
    return RunnerPodPlacement.merge(
        settings.runnerPodDefaults(),
        sync.getSpec().getRunner() == null ? null : sync.getSpec().getRunner().getPod());
  }

  private PodSpec pod(ServerSideSync sync, Container container, String restartPolicy) {
    RunnerPodTemplate placement = placement(sync);
    return new PodSpecBuilder()
        .withContainers(container)
        .withNodeSelector(placement.getNodeSelector())
        .withTolerations(placement.getTolerations())
        .withAffinity(placement.getAffinity())
        .withPriorityClassName(placement.getPriorityClassName())
        .withImagePullSecrets(placement.getImagePullSecrets())
        .withVolumes(volumes(sync))
        .withRestartPolicy(restartPolicy)
        // The runner talks to Postgres and the destination, never to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(30L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUNNER_UID)
        .withRunAsGroup(RUNNER_UID)
        .withFsGroup(RUNNER_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .build();
  }

  private ContainerBuilder container(ServerSideSync sync, String command) {
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(settings.runnerImage())
        .withImagePullPolicy(settings.runnerImagePullPolicy())
        .withArgs(
            command, "--config", RunnerContract.CONFIG_DIR + "/" + RunnerContract.CONFIG_FILE_NAME)
        .withEnv(env(placement(sync)))
        .withVolumeMounts(mounts(sync))
        .withResources(resources(sync))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext();
  }

  private static List<EnvVar> env(RunnerPodTemplate placement) {
    if (placement.getEnv() == null) {
      return List.of();
    }
    return placement.getEnv().stream()
        .map(e -> new EnvVar(e.getName(), e.getValue(), null))
        .toList();
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort(STATUS_PORT_NAME)
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }

  private static List<Volume> volumes(ServerSideSync sync) {
    String name = sync.getMetadata().getName();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(CONFIG_VOLUME)
            .withNewConfigMap()
            .withName(ResourceNames.configMap(name))
            .endConfigMap()
            .build());
    // The JVM writes to /tmp; the root filesystem is read-only.
    volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
    int i = 0;
    for (String secret : SecretReferences.secretNames(sync.getSpec())) {
      volumes.add(
          new VolumeBuilder()
              .withName("secret-" + i++)
              .withNewSecret()
              .withSecretName(secret)
              .withDefaultMode(0440)
              .endSecret()
              .build());
    }
    return volumes;
  }

  private static List<VolumeMount> mounts(ServerSideSync sync) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(CONFIG_VOLUME, RunnerContract.CONFIG_DIR));
    mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
    int i = 0;
    for (String secret : SecretReferences.secretNames(sync.getSpec())) {
      mounts.add(mount("secret-" + i++, RunnerContract.SECRETS_DIR + "/" + secret));
    }
    return mounts;
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }

  /** spec.runner.resources, each unset value taken from the defaults. */
  static ResourceRequirements resources(ServerSideSync sync) {
    ComputeResources configured =
        sync.getSpec().getRunner() == null ? null : sync.getSpec().getRunner().getResources();
    ResourceAmounts requests = configured == null ? null : configured.getRequests();
    ResourceAmounts limits = configured == null ? null : configured.getLimits();
    Map<String, Quantity> requestMap = new LinkedHashMap<>();
    requestMap.put(
        "cpu", quantity(requests == null ? null : requests.getCpu(), DEFAULT_CPU_REQUEST));
    requestMap.put(
        "memory", quantity(requests == null ? null : requests.getMemory(), DEFAULT_MEMORY_REQUEST));
    Map<String, Quantity> limitMap = new LinkedHashMap<>();
    if (limits != null && limits.getCpu() != null) {
      limitMap.put("cpu", new Quantity(limits.getCpu()));
    }
    Quantity memoryLimit =
        quantity(limits == null ? null : limits.getMemory(), DEFAULT_MEMORY_LIMIT);
    Quantity memoryRequest = requestMap.get("memory");
    if ((limits == null || limits.getMemory() == null)
        && memoryRequest.getNumericalAmount().compareTo(memoryLimit.getNumericalAmount()) > 0) {
      // A request above the default limit would make the pod invalid: the limit follows it.
      memoryLimit = memoryRequest;
    }
    limitMap.put("memory", memoryLimit);
    ResourceRequirements out = new ResourceRequirements();
    out.setRequests(requestMap);
    out.setLimits(limitMap);
    return out;
  }

  private static Quantity quantity(String configured, String fallback) {
    return new Quantity(configured == null ? fallback : configured);
  }
}

package io.serversidesync.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.testing.OperatorFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege of the pods the operator creates, the runner's and the cleanup Job's alike: no
 * service-account token (they never call the Kubernetes API), non-root, read-only root filesystem,
 * no privilege escalation, no capabilities, nothing of the host, and Secrets only as read-only
 * files (never copied into environment variables or the manifest).
 */
class RunnerPodLockdownTest {

  private static final RunnerPods PODS =
      new RunnerPods(OperatorSettings.defaults(OperatorFixture.RUNNER_IMAGE));

  private static PodSpec pod(String kind) {
    ServerSideSync sync = OperatorFixture.example("ns", "locked");
    return kind.equals("runner") ? PODS.runner(sync) : PODS.cleanup(sync);
  }

  @ParameterizedTest
  @ValueSource(strings = {"runner", "cleanup"})
  void podHasNoServiceAccountTokenNorAnythingOfTheHost(String kind) {
    PodSpec pod = pod(kind);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @ParameterizedTest
  @ValueSource(strings = {"runner", "cleanup"})
  void containerIsNonRootReadOnlyAndWithoutCapabilities(String kind) {
    List<Container> containers = pod(kind).getContainers();
    assertThat(containers).hasSize(1);
    var security = containers.get(0).getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"runner", "cleanup"})
  void secretsAreReadOnlyFilesNeverEnvironmentVariables(String kind) {
    PodSpec pod = pod(kind);
    Container container = pod.getContainers().get(0);
    assertThat(container.getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
    assertThat(container.getEnvFrom()).isNullOrEmpty();
    List<String> secretVolumes =
        pod.getVolumes().stream().filter(v -> v.getSecret() != null).map(Volume::getName).toList();
    assertThat(secretVolumes).hasSize(2); // app-db and sf-oauth of the example
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .allSatisfy(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440));
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> secretVolumes.contains(m.getName()))
        .allSatisfy(
            m -> {
              assertThat(m.getReadOnly()).isTrue();
              assertThat(m.getMountPath()).startsWith(RunnerContract.SECRETS_DIR + "/");
            });
    // the only writable place is an emptyDir for the JVM's temporary files
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .extracting(m -> Map.entry(m.getName(), m.getMountPath()))
        .containsExactly(Map.entry("tmp", "/tmp"));
  }
}

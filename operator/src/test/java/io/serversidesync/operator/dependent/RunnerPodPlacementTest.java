package io.serversidesync.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.serversidesync.api.v1alpha1.RunnerEnvVar;
import io.serversidesync.api.v1alpha1.RunnerPodTemplate;
import io.serversidesync.api.v1alpha1.RunnerSpec;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.testing.OperatorFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runner pods go where the platform team's defaults and the sync's spec.runner.pod say; the
 * operator's labels, selector, config hash and lockdown stay as they are.
 */
class RunnerPodPlacementTest {

  private static RunnerPodTemplate platformDefaults() {
    RunnerPodTemplate t = new RunnerPodTemplate();
    t.setLabels(Map.of("cost-center", "platform", "team", "platform"));
    t.setNodeSelector(Map.of("pool", "general"));
    t.setTolerations(List.of(toleration("dedicated")));
    t.setPriorityClassName("sync-normal");
    t.setImagePullSecrets(List.of(new LocalObjectReference("platform-registry")));
    t.setEnv(
        List.of(
            new RunnerEnvVar("HTTPS_PROXY", "http://proxy.corp:3128"),
            new RunnerEnvVar("NO_PROXY", ".svc")));
    return t;
  }

  private static Toleration toleration(String key) {
    Toleration t = new Toleration();
    t.setKey(key);
    t.setOperator("Exists");
    t.setEffect("NoSchedule");
    return t;
  }

  private static ServerSideSync syncWith(RunnerPodTemplate own) {
    ServerSideSync sync = OperatorFixture.example("apps", "orders");
    RunnerSpec runner = new RunnerSpec();
    runner.setPod(own);
    sync.getSpec().setRunner(runner);
    return sync;
  }

  @Test
  void aSyncOverridesFieldsAndMergesLabelsSelectorsAndEnvPerKey() {
    RunnerPodTemplate own = new RunnerPodTemplate();
    own.setLabels(Map.of("team", "crm"));
    own.setNodeSelector(Map.of("zone", "eu-1"));
    own.setTolerations(List.of(toleration("crm-only")));
    own.setEnv(List.of(new RunnerEnvVar("NO_PROXY", ".svc,.corp")));

    RunnerPodTemplate merged = RunnerPodPlacement.merge(platformDefaults(), own);

    assertThat(merged.getLabels())
        .containsEntry("team", "crm")
        .containsEntry("cost-center", "platform");
    assertThat(merged.getNodeSelector())
        .containsOnly(Map.entry("pool", "general"), Map.entry("zone", "eu-1"));
    assertThat(merged.getTolerations()).extracting(Toleration::getKey).containsExactly("crm-only");
    assertThat(merged.getPriorityClassName()).isEqualTo("sync-normal");
    assertThat(merged.getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("platform-registry");
    assertThat(merged.getEnv())
        .extracting(RunnerEnvVar::getName, RunnerEnvVar::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("HTTPS_PROXY", "http://proxy.corp:3128"),
            org.assertj.core.groups.Tuple.tuple("NO_PROXY", ".svc,.corp"));
    assertThat(platformDefaults().getEnv()).hasSize(2); // nothing modified in place
  }

  @Test
  void noDefaultsAndNoPlacementLeaveThePodAsBefore() {
    RunnerPods pods = new RunnerPods(OperatorSettings.defaults(OperatorFixture.RUNNER_IMAGE));
    PodSpec pod = pods.runner(OperatorFixture.example("apps", "orders"));
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getTolerations()).isNullOrEmpty();
    assertThat(pod.getAffinity()).isNull();
    assertThat(pod.getPriorityClassName()).isNull();
    assertThat(pod.getImagePullSecrets()).isNullOrEmpty();
    assertThat(pod.getContainers().get(0).getEnv()).isNullOrEmpty();
  }

  @Test
  void theRunnerDeploymentAndTheCleanupJobArePlacedAlike() {
    OperatorSettings settings =
        OperatorSettings.defaults(OperatorFixture.RUNNER_IMAGE)
            .withRunnerPodDefaults(platformDefaults());
    RunnerPods pods = new RunnerPods(settings);
    RunnerPodTemplate own = new RunnerPodTemplate();
    own.setAffinity(
        new AffinityBuilder()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("pool")
            .withOperator("In")
            .withValues("sync")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .build());
    own.setAnnotations(Map.of("sidecar.istio.io/inject", "false"));
    ServerSideSync sync = syncWith(own);

    Deployment deployment = new RunnerDeploymentDependentResource(pods).build(sync);
    var template = deployment.getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsEntry("cost-center", "platform")
        .containsAllEntriesOf(RunnerLabels.of("orders", RunnerLabels.RUNNER));
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .as("the selector never takes the placement's labels")
        .isEqualTo(RunnerLabels.selector("orders", RunnerLabels.RUNNER));
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "false")
        .containsKey(RunnerLabels.CONFIG_HASH);
    assertPlaced(template.getSpec());

    PodSpec cleanup = pods.cleanup(sync);
    assertPlaced(cleanup);
    assertThat(pods.labels(sync, RunnerLabels.CLEANUP)).containsEntry("team", "platform");
  }

  private static void assertPlaced(PodSpec pod) {
    assertThat(pod.getNodeSelector()).containsEntry("pool", "general");
    assertThat(pod.getTolerations()).extracting(Toleration::getKey).containsExactly("dedicated");
    assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getPriorityClassName()).isEqualTo("sync-normal");
    assertThat(pod.getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("platform-registry");
    assertThat(pod.getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("HTTPS_PROXY", "NO_PROXY");
    // the lockdown is not the placement's to change
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
  }
}

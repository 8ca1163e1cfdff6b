package io.serversidesync.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.serversidesync.operator.config.OperatorSettings;
import org.junit.jupiter.api.Test;

/** What makes the operator compare a runner Deployment with the desired one again. */
class RunnerDeploymentVersionTest {

  private final RunnerDeploymentDependentResource dependent =
      new RunnerDeploymentDependentResource(new RunnerPods(OperatorSettings.defaults("img")));

  private static Deployment deployment(String uid, long generation, String rv) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("orders-runner")
        .withNamespace("apps")
        .withUid(uid)
        .withGeneration(generation)
        .withResourceVersion(rv)
        .addToLabels(RunnerLabels.MANAGED_BY, RunnerLabels.OPERATOR)
        .addToAnnotations(RunnerLabels.DESIRED_HASH, "abc")
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .build();
  }

  @Test
  void aStatusWriteIsNotANewVersionButASpecChangeARecreateOrNewMetadataAre() {
    Object matched = dependent.versionForMatching(deployment("u1", 1, "10"));

    Deployment statusWritten = deployment("u1", 1, "11");
    statusWritten.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
    statusWritten.getStatus().setReadyReplicas(1);
    assertThat(dependent.versionForMatching(statusWritten)).isEqualTo(matched);

    assertThat(dependent.versionForMatching(deployment("u1", 2, "12"))).isNotEqualTo(matched);
    assertThat(dependent.versionForMatching(deployment("u2", 1, "13"))).isNotEqualTo(matched);
    Deployment relabelled = deployment("u1", 1, "14");
    relabelled.getMetadata().getLabels().put("team", "crm");
    assertThat(dependent.versionForMatching(relabelled)).isNotEqualTo(matched);
    Deployment reannotated = deployment("u1", 1, "15");
    reannotated.getMetadata().getAnnotations().remove(RunnerLabels.DESIRED_HASH);
    assertThat(dependent.versionForMatching(reannotated)).isNotEqualTo(matched);
  }

  @Test
  void withoutAGenerationEveryResourceVersionCounts() {
    Deployment a = deployment("u1", 1, "10");
    a.getMetadata().setGeneration(null);
    Deployment b = deployment("u1", 1, "11");
    b.getMetadata().setGeneration(null);
    assertThat(dependent.versionForMatching(a)).isNotEqualTo(dependent.versionForMatching(b));
  }
}

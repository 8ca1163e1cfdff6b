package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.serversidesync.api.runner.RunnerManifest;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.util.Arrays;
import java.util.Map;

/**
 * The runner Deployment: one replica (a replication slot has one consumer), Recreate (the old pod
 * releases the slot before the new one starts), zero replicas while suspended. The pod template
 * carries the manifest's hash, so any change of the sync restarts the runner with it.
 */
public class RunnerDeploymentDependentResource extends HashMatchedDependentResource<Deployment> {

  private final RunnerPods pods;

  public RunnerDeploymentDependentResource(RunnerPods pods) {
    super(Deployment.class);
    this.pods = pods;
  }

  @Override
  protected String objectName(String sync) {
    return ResourceNames.deployment(sync);
  }

  /**
   * The kubelet and the Deployment controller write the status of a runner Deployment at every pod
   * change, which the comparison ignores. apps/v1 moves metadata.generation at every change of the
   * spec, so generation plus the metadata the comparison reads identify what matters.
   */
  @Override
  protected Object versionForMatching(Deployment actual) {
    ObjectMeta m = actual.getMetadata();
    if (m.getGeneration() == null) {
      return m.getResourceVersion();
    }
    return Arrays.asList(
        m.getUid(), // a Deployment deleted and created again starts at generation 1 again
        m.getGeneration(),
        m.getLabels(),
        m.getAnnotations(),
        m.getOwnerReferences(),
        m.getDeletionTimestamp());
  }

  @Override
  protected Deployment build(ServerSideSync sync) {
    String name = sync.getMetadata().getName();
    String configHash = ResourceNames.sha256(RunnerManifest.render(sync));
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(objectName(name))
        .withNamespace(sync.getMetadata().getNamespace())
        .withLabels(RunnerLabels.of(name, RunnerLabels.RUNNER))
        .endMetadata()
        .withNewSpec()
        .withReplicas(sync.getSpec().isSuspend() ? 0 : 1)
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withRevisionHistoryLimit(3)
        .withProgressDeadlineSeconds(600)
        .withNewSelector()
        .withMatchLabels(RunnerLabels.selector(name, RunnerLabels.RUNNER))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(pods.labels(sync, RunnerLabels.RUNNER))
        .withAnnotations(pods.annotations(sync, Map.of(RunnerLabels.CONFIG_HASH, configHash)))
        .endMetadata()
        .withSpec(pods.runner(sync))
        .endTemplate()
        .endSpec()
        .build();
  }
}

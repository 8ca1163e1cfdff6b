package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerManifest;
import io.serversidesync.api.v1alpha1.ServerSideSync;

/** The ConfigMap with the manifest the runner reads at {@code CONFIG_DIR/sync.yaml}. */
public class RunnerConfigMapDependentResource extends HashMatchedDependentResource<ConfigMap> {

  public RunnerConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected String objectName(String sync) {
    return ResourceNames.configMap(sync);
  }

  @Override
  protected ConfigMap build(ServerSideSync sync) {
    String name = sync.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(objectName(name))
        .withNamespace(sync.getMetadata().getNamespace())
        .withLabels(RunnerLabels.of(name, RunnerLabels.RUNNER))
        .endMetadata()
        .addToData(RunnerContract.CONFIG_FILE_NAME, RunnerManifest.render(sync))
        .build();
  }
}

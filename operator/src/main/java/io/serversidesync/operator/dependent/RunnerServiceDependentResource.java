package io.serversidesync.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;

/**
 * The Service in front of the runner's /status and /metrics. It publishes the pod while it is not
 * ready too: a runner that is blocked (rejected credentials, say) fails its readiness probe, and
 * that is exactly when the operator needs to read /status to say why.
 */
public class RunnerServiceDependentResource extends HashMatchedDependentResource<Service> {

  public RunnerServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected String objectName(String sync) {
    return ResourceNames.service(sync);
  }

  @Override
  protected Service build(ServerSideSync sync) {
    String name = sync.getMetadata().getName();
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(objectName(name))
        .withNamespace(sync.getMetadata().getNamespace())
        .withLabels(RunnerLabels.of(name, RunnerLabels.RUNNER))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(RunnerLabels.selector(name, RunnerLabels.RUNNER))
        .withPublishNotReadyAddresses(true)
        .addNewPort()
        .withName(RunnerPods.STATUS_PORT_NAME)
        .withPort(RunnerContract.STATUS_PORT)
        .withTargetPort(new IntOrString(RunnerPods.STATUS_PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}

package io.serversidesync.operator.status;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.dependent.ResourceNames;
import java.net.URI;

/**
 * The runner's Service by its cluster DNS name. The Service publishes the pod before it is ready,
 * so a runner that is blocked still tells the operator why.
 */
public final class ServiceDnsRunnerAddresses implements RunnerAddresses {

  @Override
  public URI baseUri(ServerSideSync sync) {
    return URI.create(
        "http://"
            + ResourceNames.service(sync.getMetadata().getName())
            + "."
            + sync.getMetadata().getNamespace()
            + ".svc:"
            + RunnerContract.STATUS_PORT);
  }
}

package io.serversidesync.operator.status;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.net.URI;

/** Where a runner's status server is: the base URI that /status is appended to. */
@FunctionalInterface
public interface RunnerAddresses {

  URI baseUri(ServerSideSync sync);
}

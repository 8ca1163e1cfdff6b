package io.serversidesync.operator.status;

import io.serversidesync.api.v1alpha1.ServerSideSync;

/**
 * Reads a runner's /status. Production reads it over HTTP from the runner's Service; tests inject
 * one that reaches a local port.
 */
@FunctionalInterface
public interface RunnerStatusClient {

  /** Never throws: a runner that does not answer is {@link RunnerObservation.Unreachable}. */
  RunnerObservation fetch(ServerSideSync sync);
}

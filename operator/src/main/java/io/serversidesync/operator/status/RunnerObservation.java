package io.serversidesync.operator.status;

import io.serversidesync.api.runner.RunnerStatus;

/** What the operator learned from a runner's /status this time. */
public sealed interface RunnerObservation {

  /** The runner answered. */
  record Reported(RunnerStatus status) implements RunnerObservation {}

  /** The runner did not answer (not started yet, restarting, or unreachable). */
  record Unreachable(String reason) implements RunnerObservation {}

  /** No runner pod is expected to answer (none exists, or the sync is suspended or invalid). */
  record NotPolled() implements RunnerObservation {}
}

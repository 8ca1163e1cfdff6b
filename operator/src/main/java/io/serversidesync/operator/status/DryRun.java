package io.serversidesync.operator.status;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Phase;

/**
 * The state of a sync with spec.dryRun: its pod runs the runner's plan mode, which reports the
 * estimate on /status (copied into status.plan) and writes nothing. Never Ready: nothing syncs.
 */
final class DryRun {

  static final String REASON = "DryRun";

  private DryRun() {}

  static StatusCalculator.Assessment assess(DeploymentState deployment, RunnerObservation runner) {
    if (runner instanceof RunnerObservation.Reported reported
        && reported.status().phase() == Phase.Failed) {
      RunnerStatus status = reported.status();
      return new StatusCalculator.Assessment(
          Phase.Failed,
          ConditionState.isFalse(status.reason(), status.message()),
          ConditionState.isFalse(status.reason(), "dry run: no plan yet"),
          ConditionState.isTrue(status.reason(), status.message()));
    }
    if (runner instanceof RunnerObservation.Reported reported && reported.status().plan() != null) {
      String message = reported.status().message();
      return new StatusCalculator.Assessment(
          Phase.Pending,
          ConditionState.isFalse(REASON, message),
          ConditionState.isFalse(REASON, "dry run: the plan is in status.plan"),
          ConditionState.isFalse(REASON, "dry run"));
    }
    String waiting =
        deployment.exists()
            ? "dry run: waiting for the runner's plan"
            : "dry run: creating the runner Deployment";
    return new StatusCalculator.Assessment(
        Phase.Pending,
        ConditionState.isFalse(REASON, waiting),
        ConditionState.isTrue(REASON, waiting),
        ConditionState.isFalse(REASON, "dry run"));
  }
}

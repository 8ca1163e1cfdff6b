package io.serversidesync.operator.status;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Lag;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.validation.SpecCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the operator observed (the spec check, the runner Deployment, the runner's /status)
 * into the resource's status. Pure: the same observations give an equal status, so the reconciler
 * writes only when something really changed.
 *
 * <p>Ready is True only when the runner of the current template reports itself ready. Reconciling
 * is True while the operator or the runner is on its way to that (creating, rolling, snapshotting,
 * stopping). Stalled is True when it cannot get there without a change by the user (invalid spec, a
 * runner that failed, a rollout past its deadline).
 */
public final class StatusCalculator {

  private final Clock clock;

  public StatusCalculator(Clock clock) {
    this.clock = clock;
  }

  public ServerSideSyncStatus next(
      ServerSideSync sync, SpecCheck check, DeploymentState deployment, RunnerObservation runner) {
    ServerSideSyncStatus previous =
        sync.getStatus() == null ? new ServerSideSyncStatus() : sync.getStatus();
    ServerSideSyncStatus next = copyRunnerData(previous);
    Assessment assessment;
    if (!check.valid()) {
      assessment = invalid(check);
    } else if (sync.getSpec().isSuspend()) {
      assessment = suspended(sync, deployment);
    } else if (sync.getSpec().isDryRun()) {
      assessment = DryRun.assess(deployment, runner);
      if (runner instanceof RunnerObservation.Reported reported
          && reported.status().plan() != null) {
        next.setPlan(reported.status().plan());
      }
    } else {
      assessment = running(previous, deployment, runner);
      // What a runner says before its pod is the ready pod of the current spec waits for that
      // (it may come from the pod being replaced), unless it reports its own progress.
      if (runner instanceof RunnerObservation.Reported reported
          && !assessment.equals(WAITING_FOR_POD)) {
        applyRunnerData(next, reported.status());
      }
    }
    return withConditions(
        sync,
        next,
        assessment.phase(),
        assessment.ready(),
        assessment.reconciling(),
        assessment.stalled());
  }

  /**
   * The current status with the given phase (null: keep it) and conditions, for states the
   * reconciler decides itself (deletion, errors).
   */
  public ServerSideSyncStatus override(
      ServerSideSync sync,
      Phase phase,
      ConditionState ready,
      ConditionState reconciling,
      ConditionState stalled) {
    ServerSideSyncStatus previous =
        sync.getStatus() == null ? new ServerSideSyncStatus() : sync.getStatus();
    return withConditions(
        sync,
        copyRunnerData(previous),
        phase == null ? previous.getPhase() : phase,
        ready,
        reconciling,
        stalled);
  }

  private ServerSideSyncStatus withConditions(
      ServerSideSync sync,
      ServerSideSyncStatus next,
      Phase phase,
      ConditionState ready,
      ConditionState reconciling,
      ConditionState stalled) {
    List<Condition> previous = sync.getStatus() == null ? null : sync.getStatus().getConditions();
    long generation = generation(sync);
    var now = clock.instant();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(Conditions.next(previous, Condition.READY, ready, generation, now));
    conditions.add(Conditions.next(previous, Condition.RECONCILING, reconciling, generation, now));
    conditions.add(Conditions.next(previous, Condition.STALLED, stalled, generation, now));
    next.setConditions(conditions);
    next.setPhase(phase);
    next.setObservedGeneration(generation);
    return next;
  }

  record Assessment(
      Phase phase, ConditionState ready, ConditionState reconciling, ConditionState stalled) {}

  private static Assessment invalid(SpecCheck check) {
    String message = "invalid spec: " + check.message();
    return new Assessment(
        Phase.Failed,
        ConditionState.isFalse("InvalidSpec", message),
        ConditionState.isFalse("InvalidSpec", "waiting for a valid spec"),
        ConditionState.isTrue("InvalidSpec", message));
  }

  private static Assessment suspended(ServerSideSync sync, DeploymentState deployment) {
    String slot = RunnerContract.replicationName(sync.getMetadata().getName());
    String message =
        "suspended: the runner is stopped; replication slot "
            + slot
            + " is kept, so Postgres retains WAL until spec.suspend is false";
    ConditionState reconciling =
        deployment.pods() > 0
            ? ConditionState.isTrue("Suspending", "waiting for the runner pod to stop")
            : ConditionState.isFalse("Suspended", "the runner is stopped");
    return new Assessment(
        Phase.Suspended,
        ConditionState.isFalse("Suspended", message),
        reconciling,
        ConditionState.isFalse("Suspended", "suspended by spec.suspend"));
  }

  private static Assessment running(
      ServerSideSyncStatus previous, DeploymentState deployment, RunnerObservation runner) {
    if (!deployment.exists()) {
      return starting(Phase.Pending, "Creating", "creating the runner Deployment");
    }
    if (deployment.stuckMessage() != null) {
      String message =
          "the runner pod does not start: "
              + deployment.stuckMessage()
              + "; see kubectl describe pods -l serversidesync.io/sync";
      return new Assessment(
          Phase.Failed,
          ConditionState.isFalse("RunnerNotStarting", message),
          ConditionState.isFalse("RunnerNotStarting", "the rollout exceeded its deadline"),
          ConditionState.isTrue("RunnerNotStarting", message));
    }
    if (runner instanceof RunnerObservation.Reported reported) {
      RunnerStatus status = reported.status();
      Phase phase = status.phase() == null ? Phase.Pending : status.phase();
      String reason = reason(status, phase);
      String message = status.message() == null ? phase.name() : status.message();
      if (phase == Phase.Failed) {
        return new Assessment(
            Phase.Failed,
            ConditionState.isFalse(reason, message),
            ConditionState.isFalse(reason, "the runner stopped with an error"),
            ConditionState.isTrue(reason, message));
      }
      if (!status.ready() && RunnerReasons.NEEDS_THE_USER.contains(reason)) {
        // the runner keeps retrying (and recovers once fixed), but only the user can fix it
        return new Assessment(
            phase,
            ConditionState.isFalse(reason, message),
            ConditionState.isFalse(reason, "the runner retries by itself once this is fixed"),
            ConditionState.isTrue(reason, message));
      }
      if (status.ready() && deployment.runnerReady()) {
        return new Assessment(
            phase,
            ConditionState.isTrue(reason, message),
            ConditionState.isFalse(reason, "the runner is up to date"),
            ConditionState.isFalse(reason, "the runner is working"));
      }
      if (!status.ready()) {
        // The runner says what it is doing (connecting, snapshotting): that is the news.
        return starting(phase, reason, message);
      }
      // The runner answers ready, but its pod is not (yet) the ready pod of the current spec.
      return waitingForPod();
    }
    if (deployment.runnerReady()) {
      // The pod passes its readiness probe but /status did not answer this time: keep what the
      // runner said last rather than flap, unless it never said anything.
      Condition ready = Conditions.find(previous.getConditions(), Condition.READY);
      if (ready != null && previous.getPhase() != null && previous.getPhase() != Phase.Pending) {
        return new Assessment(
            previous.getPhase(),
            state(ready),
            state(Conditions.find(previous.getConditions(), Condition.RECONCILING)),
            state(Conditions.find(previous.getConditions(), Condition.STALLED)));
      }
      String why = runner instanceof RunnerObservation.Unreachable u ? ": " + u.reason() : "";
      return starting(
          Phase.Pending, "WaitingForRunnerStatus", "the runner's /status does not answer" + why);
    }
    return waitingForPod();
  }

  /**
   * One stable state from the Deployment's creation (or a spec change) until the pod of the current
   * spec is ready, whatever the Deployment's counts and whether the new runner already answers:
   * each intermediate observation would otherwise cost a status write, and a phase event that says
   * Streaming while the sync is not Ready yet.
   */
  private static final Assessment WAITING_FOR_POD =
      starting(
          Phase.Pending,
          "Starting",
          "waiting for the runner pod of the current spec to become ready");

  private static Assessment waitingForPod() {
    return WAITING_FOR_POD;
  }

  private static Assessment starting(Phase phase, String reason, String message) {
    return new Assessment(
        phase,
        ConditionState.isFalse(reason, message),
        ConditionState.isTrue(reason, message),
        ConditionState.isFalse(reason, "making progress"));
  }

  private static ConditionState state(Condition c) {
    if (c == null) {
      return ConditionState.isFalse("Unknown", "");
    }
    return new ConditionState("True".equals(c.getStatus()), c.getReason(), c.getMessage());
  }

  private static String reason(RunnerStatus status, Phase phase) {
    String reason = status.reason();
    return reason == null || !reason.matches("^[A-Z][A-Za-z0-9]*$") ? phase.name() : reason;
  }

  private static long generation(ServerSideSync sync) {
    Long generation = sync.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static ServerSideSyncStatus copyRunnerData(ServerSideSyncStatus previous) {
    ServerSideSyncStatus next = new ServerSideSyncStatus();
    next.setLag(previous.getLag());
    next.setCounters(previous.getCounters());
    next.setReverse(previous.getReverse());
    next.setConfirmedLsn(previous.getConfirmedLsn());
    next.setThrottledUntil(previous.getThrottledUntil());
    next.setReplayErrorsAcknowledged(previous.getReplayErrorsAcknowledged());
    // the last estimate stays while the sync is suspended or runs
    next.setPlan(previous.getPlan());
    return next;
  }

  private static void applyRunnerData(ServerSideSyncStatus next, RunnerStatus status) {
    if (status.lag() != null) {
      // Tenths of a second: finer jitter would rewrite the status on every poll.
      double seconds = Math.round(status.lag().getSeconds() * 10) / 10.0;
      next.setLag(new Lag(status.lag().getBytes(), seconds));
    }
    if (status.counters() != null) {
      next.setCounters(status.counters());
    }
    next.setReverse(status.reverse());
    if (status.confirmedLsn() != null) {
      next.setConfirmedLsn(status.confirmedLsn());
    }
    next.setThrottledUntil(status.throttledUntil());
    if (status.replayErrorsAcknowledged() != null) {
      next.setReplayErrorsAcknowledged(status.replayErrorsAcknowledged());
    }
  }
}

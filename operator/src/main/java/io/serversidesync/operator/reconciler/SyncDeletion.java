package io.serversidesync.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.DeletionPolicy;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.cleanup.CleanupAttempt;
import io.serversidesync.operator.cleanup.CleanupJobs;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.events.EventRecorder;
import io.serversidesync.operator.events.SyncEvent;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.status.ConditionState;
import io.serversidesync.operator.status.StatusCalculator;
import io.serversidesync.operator.validation.SpecCheck;
import io.serversidesync.operator.validation.SpecValidation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What deleting a sync does, behind the operator's finalizer: unless {@code deletionPolicy:
 * Retain}, stop the runner (a slot in use cannot be dropped), run a cleanup Job that drops the
 * replication slot and the publication, and release the resource when the Job succeeds. A failed
 * Job is reported (Stalled, a Warning event) and retried with a growing delay; the status always
 * says what blocks the deletion and how to get out (fix it, or set Retain).
 */
final class SyncDeletion {

  /** What deletion asks of the API server beyond the dependents: scaling the runner down. */
  static final List<Permission> PERMISSIONS =
      List.of(Permission.of("apps", "deployments", "patch"));

  static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

  private final OperatorSettings settings;
  private final SpecValidation validation;
  private final CleanupJobs jobs;
  private final EventRecorder events;
  private final StatusCalculator calculator;
  private final StatusUpdate statusUpdate;
  private final Clock clock;

  SyncDeletion(
      OperatorSettings settings,
      SpecValidation validation,
      CleanupJobs jobs,
      EventRecorder events,
      StatusCalculator calculator,
      Clock clock) {
    this.settings = settings;
    this.validation = validation;
    this.jobs = jobs;
    this.events = events;
    this.calculator = calculator;
    this.statusUpdate = new StatusUpdate(events);
    this.clock = clock;
  }

  DeleteControl cleanup(ServerSideSync sync, Context<ServerSideSync> context) {
    String objects = "replication slot and publication " + replicationName(sync);
    if (sync.getSpec() != null && sync.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      events.record(
          sync,
          SyncEvent.normal(
              "Retained",
              "deletionPolicy Retain: "
                  + objects
                  + " are kept; drop them with sync-runner cleanup when no longer needed"));
      return DeleteControl.defaultDelete();
    }
    KubernetesClient client = context.getClient();

    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
    if (deployment.isPresent() && runnerStillUp(client, deployment.get())) {
      writeStatus(
          context,
          sync,
          ConditionState.isFalse("Deleting", "stopping the runner before dropping the " + objects),
          ConditionState.isTrue("Deleting", "stopping the runner before dropping the " + objects),
          ConditionState.isFalse("Deleting", "making progress"));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.statusPollInterval());
    }

    SpecCheck check = validation.check(sync);
    if (!check.valid()) {
      String message =
          "cannot run the cleanup Job: "
              + check.message()
              + "; fix it, or set spec.deletionPolicy: Retain to delete without dropping the "
              + objects;
      writeStatus(
          context,
          sync,
          ConditionState.isFalse("CleanupBlocked", message),
          ConditionState.isFalse("CleanupBlocked", "waiting for a spec the cleanup can run with"),
          ConditionState.isTrue("CleanupBlocked", message));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.statusPollInterval());
    }

    Set<Job> cleanupJobs = context.getSecondaryResources(Job.class);
    Optional<CleanupAttempt> latest = CleanupJobs.latest(cleanupJobs);
    if (latest.isEmpty()) {
      return start(context, sync, 1, objects, "");
    }
    CleanupAttempt attempt = latest.get();
    switch (attempt.state()) {
      case SUCCEEDED -> {
        events.record(
            sync,
            SyncEvent.normal(
                "CleanedUp", "cleanup Job " + attempt.jobName() + " dropped the " + objects));
        return DeleteControl.defaultDelete();
      }
      case RUNNING -> {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.statusPollInterval());
      }
      default -> {
        return failed(context, sync, cleanupJobs, attempt, objects);
      }
    }
  }

  private DeleteControl failed(
      Context<ServerSideSync> context,
      ServerSideSync sync,
      Set<Job> cleanupJobs,
      CleanupAttempt attempt,
      String objects) {
    Instant now = clock.instant();
    Instant retryAt = attempt.finishedAt().orElse(now).plus(retryDelay(attempt.attempt()));
    if (!now.isBefore(retryAt)) {
      jobs.pruneBefore(context.getClient(), cleanupJobs, attempt.attempt());
      return start(
          context,
          sync,
          attempt.attempt() + 1,
          objects,
          " (retry after cleanup Job " + attempt.jobName() + " failed: " + attempt.detail() + ")");
    }
    String message =
        "cleanup Job "
            + attempt.jobName()
            + " failed (attempt "
            + attempt.attempt()
            + "): "
            + attempt.detail()
            + "; retrying at "
            + retryAt.truncatedTo(ChronoUnit.SECONDS)
            + ". Logs: kubectl logs -n "
            + sync.getMetadata().getNamespace()
            + " job/"
            + attempt.jobName()
            + ". To delete without dropping the "
            + objects
            + ", set spec.deletionPolicy: Retain";
    writeStatus(
        context,
        sync,
        ConditionState.isFalse("CleanupFailed", message),
        ConditionState.isFalse("CleanupFailed", "waiting to retry the cleanup"),
        ConditionState.isTrue("CleanupFailed", message));
    Duration wait = Duration.between(now, retryAt).plusMillis(100);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait);
  }

  private DeleteControl start(
      Context<ServerSideSync> context,
      ServerSideSync sync,
      int attempt,
      String objects,
      String why) {
    Job job = jobs.create(context.getClient(), sync, attempt);
    String message = "cleanup Job " + job.getMetadata().getName() + " drops the " + objects + why;
    events.record(sync, SyncEvent.normal("CleanupStarted", message));
    writeStatus(
        context,
        sync,
        ConditionState.isFalse("CleaningUp", message),
        ConditionState.isTrue("CleaningUp", message),
        ConditionState.isFalse("CleaningUp", "making progress"));
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.statusPollInterval());
  }

  /** Scales the runner to zero; true while a runner pod may still hold the slot. */
  private static boolean runnerStillUp(KubernetesClient client, Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    if (replicas == null || replicas != 0) {
      // A merge patch of the object the informer gave: no read, no conflict with the kubelet.
      client
          .resource(deployment)
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");
      return true;
    }
    Integer pods = deployment.getStatus() == null ? null : deployment.getStatus().getReplicas();
    return pods != null && pods > 0;
  }

  private void writeStatus(
      Context<ServerSideSync> context,
      ServerSideSync sync,
      ConditionState ready,
      ConditionState reconciling,
      ConditionState stalled) {
    statusUpdate.write(sync, calculator.override(sync, null, ready, reconciling, stalled), context);
  }

  /** 10 s after the first failure, doubling, at most 5 minutes. */
  Duration retryDelay(int failedAttempts) {
    Duration first = settings.cleanupRetryDelay();
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 16);
    Duration delay = first.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
  }

  private static String replicationName(ServerSideSync sync) {
    return RunnerContract.replicationName(sync.getMetadata().getName());
  }
}

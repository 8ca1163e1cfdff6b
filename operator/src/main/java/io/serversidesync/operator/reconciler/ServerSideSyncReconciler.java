package io.serversidesync.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.cleanup.CleanupJobs;
import io.serversidesync.operator.config.OperatorSettings;
import io.serversidesync.operator.dependent.HashMatchedDependentResource;
import io.serversidesync.operator.dependent.RunnerConfigMapDependentResource;
import io.serversidesync.operator.dependent.RunnerDeploymentDependentResource;
import io.serversidesync.operator.dependent.RunnerPods;
import io.serversidesync.operator.dependent.RunnerServiceDependentResource;
import io.serversidesync.operator.events.EventRecorder;
import io.serversidesync.operator.rbac.Permission;
import io.serversidesync.operator.status.ConditionState;
import io.serversidesync.operator.status.DeploymentState;
import io.serversidesync.operator.status.RunnerObservation;
import io.serversidesync.operator.status.RunnerStatusClient;
import io.serversidesync.operator.status.StatusCalculator;
import io.serversidesync.operator.validation.InformerSecretKeys;
import io.serversidesync.operator.validation.SpecCheck;
import io.serversidesync.operator.validation.SpecValidation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ServerSideSync into a runner: checks the spec, keeps the ConfigMap, Service and
 * Deployment as the spec says (only for a valid spec: an invalid edit leaves the running runner
 * alone), reads the runner's /status, and writes the status when it changed. Deletion is {@link
 * SyncDeletion}'s job.
 *
 * <p>The dependents are standalone (reconciled here, in order, only when the spec is valid) rather
 * than a managed workflow, whose preconditions would delete the runner on an invalid edit.
 */
@ControllerConfiguration(name = ServerSideSyncReconciler.NAME)
public class ServerSideSyncReconciler
    implements Reconciler<ServerSideSync>, Cleaner<ServerSideSync> {

  public static final String NAME = "serversidesync";

  private static final Logger LOG = LoggerFactory.getLogger(ServerSideSyncReconciler.class);

  private final OperatorSettings settings;
  private final SpecValidation validation;
  private final RunnerStatusClient runners;
  private final StatusCalculator calculator;
  private final StatusUpdate statusUpdate;
  private final SyncDeletion deletion;
  private final RunnerConfigMapDependentResource configMap;
  private final RunnerServiceDependentResource service;
  private final RunnerDeploymentDependentResource deployment;

  private final InformerSecretKeys secrets;

  public ServerSideSyncReconciler(
      OperatorSettings settings,
      InformerSecretKeys secrets,
      RunnerStatusClient runners,
      EventRecorder events,
      Clock clock) {
    this.settings = settings;
    this.secrets = secrets;
    this.validation = new SpecValidation(secrets);
    this.runners = runners;
    this.calculator = new StatusCalculator(clock);
    this.statusUpdate = new StatusUpdate(events);
    RunnerPods pods = new RunnerPods(settings);
    this.configMap = new RunnerConfigMapDependentResource();
    this.service = new RunnerServiceDependentResource();
    this.deployment = new RunnerDeploymentDependentResource(pods);
    this.deletion =
        new SyncDeletion(settings, validation, new CleanupJobs(pods), events, calculator, clock);
  }

  /** The dependent resources, in the order they are reconciled. */
  public List<HashMatchedDependentResource<?>> dependents() {
    return List.of(configMap, service, deployment);
  }

  /**
   * What this reconciler asks of the API server for the objects it manages: its dependents, the
   * cleanup Jobs, scaling the runner down on deletion and the Secret informer (the primary resource
   * and events are the caller's to add).
   */
  public List<Permission> permissions() {
    List<Permission> permissions = new ArrayList<>();
    dependents().forEach(d -> permissions.add(d.permission()));
    permissions.addAll(CleanupJobs.PERMISSIONS);
    permissions.addAll(SyncDeletion.PERMISSIONS);
    permissions.addAll(StatusUpdate.PERMISSIONS);
    permissions.addAll(InformerSecretKeys.PERMISSIONS);
    return permissions;
  }

  @Override
  public List<EventSource<?, ServerSideSync>> prepareEventSources(
      EventSourceContext<ServerSideSync> context) {
    List<EventSource<?, ServerSideSync>> sources = new ArrayList<>();
    sources.add(configMap.eventSource(context).orElseThrow());
    sources.add(service.eventSource(context).orElseThrow());
    sources.add(deployment.eventSource(context).orElseThrow());
    sources.add(CleanupJobs.eventSource(context));
    sources.add(secrets.eventSource(context));
    return sources;
  }

  @Override
  public UpdateControl<ServerSideSync> reconcile(
      ServerSideSync sync, Context<ServerSideSync> context) {
    SpecCheck check = validation.check(sync);
    if (check.valid()) {
      configMap.reconcile(sync, context);
      service.reconcile(sync, context);
      deployment.reconcile(sync, context);
    }
    DeploymentState state = DeploymentState.of(context.getSecondaryResource(Deployment.class));
    boolean poll = check.valid() && !sync.getSpec().isSuspend() && state.pods() > 0;
    RunnerObservation runner = poll ? runners.fetch(sync) : new RunnerObservation.NotPolled();
    ServerSideSyncStatus next = calculator.next(sync, check, state, runner);

    statusUpdate.write(sync, next, context);
    UpdateControl<ServerSideSync> control = UpdateControl.noUpdate();
    if (!check.valid() || !sync.getSpec().isSuspend()) {
      // Poll the runner; for an invalid spec, look for the missing Secret again.
      control.rescheduleAfter(settings.statusPollInterval());
    }
    return control;
  }

  @Override
  public DeleteControl cleanup(ServerSideSync sync, Context<ServerSideSync> context) {
    DeleteControl control = deletion.cleanup(sync, context);
    if (control.isRemoveFinalizer()) {
      dependents().forEach(d -> d.forget(sync));
    }
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<ServerSideSync> updateErrorStatus(
      ServerSideSync sync, Context<ServerSideSync> context, Exception e) {
    boolean lastAttempt = context.getRetryInfo().map(r -> r.isLastAttempt()).orElse(true);
    String message =
        "reconciling failed: "
            + e.getMessage()
            + (lastAttempt
                ? "; retrying every " + settings.statusPollInterval().toSeconds() + "s"
                : "; retrying");
    try {
      statusUpdate.write(sync, withError(sync, message, lastAttempt), context);
    } catch (RuntimeException writeFailure) {
      LOG.warn(
          "could not report the error in the status of {}/{}: {}",
          sync.getMetadata().getNamespace(),
          sync.getMetadata().getName(),
          writeFailure.getMessage());
    }
    ErrorStatusUpdateControl<ServerSideSync> control = ErrorStatusUpdateControl.noStatusUpdate();
    if (lastAttempt) {
      control.withNoRetry().rescheduleAfter(settings.statusPollInterval());
    }
    return control;
  }

  private ServerSideSyncStatus withError(ServerSideSync sync, String message, boolean stalled) {
    return calculator.override(
        sync,
        null,
        ConditionState.isFalse("ReconcileError", message),
        stalled
            ? ConditionState.isFalse("ReconcileError", message)
            : ConditionState.isTrue("ReconcileError", message),
        stalled
            ? ConditionState.isTrue("ReconcileError", message)
            : ConditionState.isFalse("ReconcileError", "retrying"));
  }
}

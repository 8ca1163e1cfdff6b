package io.serversidesync.operator.cleanup;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.operator.dependent.ResourceNames;
import io.serversidesync.operator.dependent.RunnerLabels;
import io.serversidesync.operator.dependent.RunnerPods;
import io.serversidesync.operator.rbac.Permission;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Jobs that run the runner's {@code cleanup} command (drop the replication slot and the
 * publication) when a sync is deleted. One Job per attempt, numbered, so a retry never waits for
 * the previous Job's deletion and the failed one stays for {@code kubectl logs}.
 */
public final class CleanupJobs {

  /** What this class asks of the API server (its informer, creating and pruning Jobs). */
  public static final List<Permission> PERMISSIONS =
      List.of(Permission.of("batch", "jobs", "list", "watch", "create", "delete"));

  static final String ATTEMPT = "serversidesync.io/cleanup-attempt";

  /** A cleanup that runs longer than this is failed by Kubernetes, and retried. */
  static final long DEADLINE_SECONDS = 600;

  private final RunnerPods pods;

  public CleanupJobs(RunnerPods pods) {
    this.pods = pods;
  }

  /** The informer that tells the reconciler when a cleanup Job changes. */
  public static InformerEventSource<Job, ServerSideSync> eventSource(
      EventSourceContext<ServerSideSync> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, ServerSideSync.class)
            .withName("cleanup-jobs")
            .withLabelSelector(
                RunnerLabels.MANAGED_SELECTOR
                    + ","
                    + RunnerLabels.COMPONENT
                    + "="
                    + RunnerLabels.CLEANUP)
            .build(),
        context);
  }

  /** The newest attempt among a sync's cleanup Jobs. */
  public static Optional<CleanupAttempt> latest(Set<Job> jobs) {
    return jobs.stream()
        .map(CleanupAttempt::of)
        .max(Comparator.comparingInt(CleanupAttempt::attempt));
  }

  /** Creates the Job of the given attempt. */
  public Job create(KubernetesClient client, ServerSideSync sync, int attempt) {
    String name = sync.getMetadata().getName();
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(ResourceNames.cleanupJob(name, attempt))
            .withNamespace(sync.getMetadata().getNamespace())
            .withLabels(RunnerLabels.of(name, RunnerLabels.CLEANUP))
            .withAnnotations(Map.of(ATTEMPT, Integer.toString(attempt)))
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(2)
            .withActiveDeadlineSeconds(DEADLINE_SECONDS)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(pods.labels(sync, RunnerLabels.CLEANUP))
            .withAnnotations(pods.annotations(sync, Map.of()))
            .endMetadata()
            .withSpec(pods.cleanup(sync))
            .endTemplate()
            .endSpec()
            .build();
    // Owned by the sync: once the finalizer is gone, garbage collection removes the Jobs.
    job.addOwnerReference(sync);
    return client.resource(job).create();
  }

  /** Deletes the Jobs of earlier attempts (the newest stays for its logs). */
  public void pruneBefore(KubernetesClient client, Set<Job> jobs, int attempt) {
    for (Job job : jobs) {
      if (attemptOf(job) < attempt) {
        client
            .resource(job)
            .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
            .delete();
      }
    }
  }

  static int attemptOf(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ATTEMPT);
    try {
      return value == null ? 1 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}

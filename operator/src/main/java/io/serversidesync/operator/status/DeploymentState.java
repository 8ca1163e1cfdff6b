package io.serversidesync.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/**
 * The runner Deployment as far as status is concerned.
 *
 * @param exists whether the Deployment exists
 * @param pods pods of any template revision (status.replicas)
 * @param current whether the controller has seen the newest template and all pods run it
 * @param available pods of the current template that are ready (available)
 * @param stuckMessage the reason the rollout exceeded its progress deadline, or null
 */
public record DeploymentState(
    boolean exists, int pods, boolean current, int available, String stuckMessage) {

  public static DeploymentState absent() {
    return new DeploymentState(false, 0, false, 0, null);
  }

  public static DeploymentState of(Optional<Deployment> deployment) {
    if (deployment.isEmpty()) {
      return absent();
    }
    Deployment d = deployment.get();
    DeploymentStatus status = d.getStatus();
    if (status == null) {
      return new DeploymentState(true, 0, false, 0, null);
    }
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int pods = value(status.getReplicas());
    int updated = value(status.getUpdatedReplicas());
    boolean current = observed >= generation && updated >= wanted && pods <= wanted;
    String stuck = null;
    if (status.getConditions() != null) {
      for (DeploymentCondition c : status.getConditions()) {
        if ("Progressing".equals(c.getType())
            && "False".equals(c.getStatus())
            && "ProgressDeadlineExceeded".equals(c.getReason())) {
          stuck = c.getMessage() == null ? "the rollout exceeded its deadline" : c.getMessage();
        }
      }
    }
    return new DeploymentState(true, pods, current, value(status.getAvailableReplicas()), stuck);
  }

  /** The runner pod of the current template is up and ready. */
  public boolean runnerReady() {
    return exists && current && available >= 1;
  }

  private static int value(Integer n) {
    return n == null ? 0 : n;
  }
}

package io.serversidesync.operator.cleanup;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one cleanup Job.
 *
 * @param job the Job
 * @param attempt 1 for the first Job, 2 for the first retry, …
 * @param state running, succeeded or failed
 * @param detail for a failed Job, its failure reason and message
 * @param finishedAt when the Job succeeded or failed, if known
 */
public record CleanupAttempt(
    Job job, int attempt, State state, String detail, Optional<Instant> finishedAt) {

  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  public String jobName() {
    return job.getMetadata().getName();
  }

  static CleanupAttempt of(Job job) {
    int attempt = CleanupJobs.attemptOf(job);
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      for (JobCondition c : job.getStatus().getConditions()) {
        if (!"True".equals(c.getStatus())) {
          continue;
        }
        if ("Complete".equals(c.getType())) {
          return new CleanupAttempt(job, attempt, State.SUCCEEDED, "", time(c));
        }
        if ("Failed".equals(c.getType())) {
          String detail =
              (c.getReason() == null ? "Failed" : c.getReason())
                  + (c.getMessage() == null ? "" : ": " + c.getMessage());
          return new CleanupAttempt(job, attempt, State.FAILED, detail, time(c));
        }
      }
    }
    if (job.getStatus() != null
        && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0) {
      return new CleanupAttempt(job, attempt, State.SUCCEEDED, "", Optional.empty());
    }
    return new CleanupAttempt(job, attempt, State.RUNNING, "", Optional.empty());
  }

  private static Optional<Instant> time(JobCondition c) {
    String t = c.getLastTransitionTime();
    try {
      return t == null ? Optional.empty() : Optional.of(Instant.parse(t));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

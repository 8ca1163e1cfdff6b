package io.serversidesync.runner.destination.salesforce.api;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.RecordOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Collects the outcomes of one write that takes several requests. A request that fails as a whole
 * (network, 5xx, rate limit) makes its records {@link RecordOutcome.Retryable} so that the records
 * other requests delivered are not sent again; only when no request of the write got an answer is
 * the failure raised as the write's {@link DestinationException} (the destination is down or
 * throttled, not a record).
 */
public final class BatchOutcomes {

  private final RecordOutcome[] outcomes;
  private DestinationException firstFailure;
  private boolean anyAnswered;
  private DestinationException throttle;

  public BatchOutcomes(int size) {
    this.outcomes = new RecordOutcome[size];
  }

  public void set(int index, RecordOutcome outcome) {
    outcomes[index] = outcome;
  }

  /** A request got an answer from Salesforce (whatever its records' outcomes). */
  public void answered() {
    anyAnswered = true;
  }

  /**
   * A request for the records at {@code indexes} failed as a whole.
   *
   * @param failure of kind TRANSIENT or THROTTLED (the others are raised at once by the caller)
   */
  public void failed(Collection<Integer> indexes, DestinationException failure, Instant now) {
    if (failure.kind() == Kind.CREDENTIALS || failure.kind() == Kind.CONFIGURATION) {
      throw new IllegalArgumentException("raise " + failure.kind() + " failures instead");
    }
    if (firstFailure == null) {
      firstFailure = failure;
    }
    if (throttle == null && failure.kind() == Kind.THROTTLED) {
      throttle = failure;
    }
    Duration retryAfter =
        failure.retryAt() == null || !failure.retryAt().isAfter(now)
            ? null
            : Duration.between(now, failure.retryAt());
    RecordOutcome outcome =
        new RecordOutcome.Retryable(failure.reason(), failure.getMessage(), retryAfter);
    indexes.forEach(i -> outcomes[i] = outcome);
  }

  /**
   * Whether a request of this write was throttled: the caller then sends no more requests in this
   * write and hands their records back with {@link #skipThrottled}.
   */
  public boolean throttled() {
    return throttle != null;
  }

  /** Hands records back unsent because Salesforce asked this write to slow down. */
  public void skipThrottled(Collection<Integer> indexes, Instant now) {
    failed(indexes, throttle, now);
  }

  /**
   * The outcomes in batch order.
   *
   * @throws DestinationException the first request-level failure, when no request was answered
   */
  public List<RecordOutcome> finish() throws DestinationException {
    if (!anyAnswered && firstFailure != null) {
      throw firstFailure;
    }
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        throw new IllegalStateException("no outcome for record " + i);
      }
    }
    return Arrays.asList(outcomes.clone());
  }
}

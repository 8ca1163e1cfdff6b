package io.serversidesync.runner.deliver;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.errors.ErrorEntry;
import io.serversidesync.runner.status.RunnerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one request's records until each is acknowledged or an error: a retryable record outcome
 * is retried with capped exponential backoff and jitter (after {@link
 * RetryPolicy#maxRecordAttempts()} tries it is recorded as an error); a permanent one is recorded.
 * A whole request failing: TRANSIENT is retried with backoff, THROTTLED waits until the
 * destination's retry time (phase Throttled), CREDENTIALS keeps retrying slowly with the runner not
 * ready and the exception's message shown, CONFIGURATION stops the runner.
 */
final class RequestWriter {

  private static final Logger log = LoggerFactory.getLogger(RequestWriter.class);

  private final RecordBuilder builder;
  private final RunnerState state;
  private final RetryPolicy retry;
  private final Function<String, Duration> waitForParent;
  private final AtomicInteger degraded = new AtomicInteger();
  private volatile Phase phase = Phase.Streaming;

  /**
   * @param waitForParent how long a record whose parent (object) is missing is tried again
   */
  RequestWriter(
      RecordBuilder builder,
      RunnerState state,
      RetryPolicy retry,
      Function<String, Duration> waitForParent) {
    this.builder = builder;
    this.state = state;
    this.retry = retry;
    this.waitForParent = waitForParent;
  }

  /** The phase to report while healthy (Snapshotting or Streaming). */
  void phase(Phase phase) {
    this.phase = phase;
  }

  /**
   * Writes {@code records} through {@code request}; each ends in {@code outcomes} as written or
   * failed.
   *
   * @param lsn the position the cut covers, recorded with each error
   */
  void write(
      ForwardGate.Request request, List<DestinationRecord> records, long lsn, CutOutcomes outcomes)
      throws InterruptedException, ConfigurationRejectedException {
    List<DestinationRecord> todo = request.admit(records);
    int recordAttempts = 0;
    int requestFailures = 0;
    while (!todo.isEmpty()) {
      WriteResult result;
      try {
        result = request.write(todo);
      } catch (DestinationException e) {
        requestFailures++;
        handleRequestFailure(e, requestFailures);
        continue;
      }
      if (requestFailures > 0) {
        recovered();
        requestFailures = 0;
      }
      recordAttempts++;
      List<DestinationRecord> again = new ArrayList<>();
      Duration wait = Duration.ZERO;
      for (int i = 0; i < todo.size(); i++) {
        DestinationRecord record = todo.get(i);
        RecordOutcome outcome = result.outcomes().get(i);
        if (outcome instanceof RecordOutcome.Ok) {
          outcomes.written(record.externalId());
        } else if (outcome instanceof RecordOutcome.Permanent p) {
          outcomes.failed(
              entry(request, record, lsn, p.code(), p.message(), p.fields(), recordAttempts));
        } else if (outcome instanceof RecordOutcome.MissingParent m) {
          // set aside, not retried here: waiting minutes in line would hold back the whole cut
          outcomes.failed(missingParent(request, record, lsn, m, recordAttempts));
        } else if (outcome instanceof RecordOutcome.Retryable r) {
          if (recordAttempts >= retry.maxRecordAttempts()) {
            outcomes.failed(
                entry(
                    request,
                    record,
                    lsn,
                    r.code(),
                    r.message()
                        + " (still failing after "
                        + recordAttempts
                        + " attempts; replay it once the cause is gone)",
                    List.of(),
                    recordAttempts));
          } else {
            again.add(record);
            if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) {
              wait = r.retryAfter();
            }
          }
        }
      }
      if (!again.isEmpty()) {
        for (int i = 0; i < again.size(); i++) {
          state.retried();
        }
        Duration backoff = retry.backoff(recordAttempts);
        Thread.sleep(Math.max(wait.toMillis(), backoff.toMillis()));
      }
      todo = again;
    }
  }

  private void handleRequestFailure(DestinationException e, int failures)
      throws InterruptedException, ConfigurationRejectedException {
    switch (e.kind()) {
      case CONFIGURATION -> throw new ConfigurationRejectedException(e);
      case THROTTLED -> {
        Instant until =
            e.retryAt() != null ? e.retryAt() : Instant.now().plus(retry.backoff(failures));
        state.throttled(until, e.getMessage());
        log.warn("destination throttled until {}: {}", until, e.getMessage());
        sleepUntil(until);
        state.resumed();
      }
      case CREDENTIALS -> {
        degraded.incrementAndGet();
        state.phase(phase, false, e.reason(), e.getMessage());
        log.error("destination rejected the credentials: {}", e.getMessage());
        Thread.sleep(retry.credentialsRetry().toMillis());
      }
      default -> {
        state.retried();
        Duration wait = retry.backoff(failures);
        if (e.retryAt() != null) {
          wait = Duration.between(Instant.now(), e.retryAt());
        }
        log.warn(
            "destination request failed ({}), retry {} in {} ms: {}",
            e.reason(),
            failures,
            Math.max(0, wait.toMillis()),
            e.getMessage());
        if (failures >= 3) {
          degraded.incrementAndGet();
          state.phase(
              phase,
              false,
              e.reason(),
              e.getMessage() + " (retrying with backoff; nothing is confirmed meanwhile)");
        }
        Thread.sleep(Math.max(0, wait.toMillis()));
      }
    }
  }

  private void recovered() {
    if (degraded.getAndSet(0) > 0) {
      state.phase(phase, true, phase.name(), "writing again");
    }
  }

  /**
   * Returns once the wall clock has reached {@code until}, never before: the destination refuses a
   * request sent before its retry time. A single sleep of the whole milliseconds left woke up to a
   * millisecond early.
   */
  private static void sleepUntil(Instant until) throws InterruptedException {
    for (long left = Duration.between(Instant.now(), until).toNanos();
        left > 0;
        left = Duration.between(Instant.now(), until).toNanos()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private ErrorEntry missingParent(
      ForwardGate.Request request,
      DestinationRecord record,
      long lsn,
      RecordOutcome.MissingParent missing,
      int attempts) {
    return entry(
            request,
            record,
            lsn,
            ErrorEntry.PARENT_NOT_FOUND,
            "parent "
                + missing.parentObject()
                + " \""
                + missing.parentKey()
                + "\" does not exist in the destination yet ("
                + missing.code()
                + ": "
                + missing.message()
                + ")",
            List.of(),
            attempts)
        .toBuilder()
        .waitForParent(waitForParent.apply(missing.parentObject()))
        .build();
  }

  private ErrorEntry entry(
      ForwardGate.Request request,
      DestinationRecord record,
      long lsn,
      String code,
      String message,
      List<String> fields,
      int attempts) {
    PendingChange change = request.change(record.externalId());
    return new ErrorEntry(
        record.externalId(),
        lsn,
        code,
        message,
        fields,
        change == null ? null : builder.payload(change),
        attempts);
  }
}

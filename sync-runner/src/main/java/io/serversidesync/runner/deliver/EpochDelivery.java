package io.serversidesync.runner.deliver;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.errors.ErrorEntry;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.plan.DeliveryPlanner;
import io.serversidesync.runner.status.RunnerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one cut completely: every record ends acknowledged or in the errors table before {@link
 * #deliver} returns, which is what lets the checkpoint pass the cut. Requests of a cut run
 * concurrently up to the sync's maxConcurrent.
 *
 * <p>Reactions: a retryable record outcome is retried with capped exponential backoff and jitter
 * (after {@link RetryPolicy#maxRecordAttempts()} tries it is recorded as an error); a permanent one
 * is recorded. A whole request failing: TRANSIENT is retried with backoff, THROTTLED waits until
 * the destination's retry time (phase Throttled), CREDENTIALS keeps retrying slowly with the runner
 * not ready and the exception's message shown, CONFIGURATION stops the runner.
 */
public final class EpochDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EpochDelivery.class);

  private final SyncSettings settings;
  private final Destination destination;
  private final DeliveryPlanner planner;
  private final ErrorsStore errors;
  private final RunnerState state;
  private final RetryPolicy retry;
  private final RecordBuilder builder;
  private final ForwardObserver observer;
  private final ExecutorService requests;
  private final AtomicInteger degraded = new AtomicInteger();
  private volatile Phase phase = Phase.Streaming;

  public EpochDelivery(
      SyncSettings settings,
      Destination destination,
      ErrorsStore errors,
      RunnerState state,
      RetryPolicy retry) {
    this(settings, destination, errors, state, retry, ForwardObserver.NONE);
  }

  /**
   * @param observer told about superseded changes and acknowledged records (two-way sync)
   */
  public EpochDelivery(
      SyncSettings settings,
      Destination destination,
      ErrorsStore errors,
      RunnerState state,
      RetryPolicy retry,
      ForwardObserver observer) {
    this.observer = observer;
    this.settings = settings;
    this.destination = destination;
    this.planner = new DeliveryPlanner(destination.deliveryPaths(), settings.bulkThreshold());
    this.errors = errors;
    this.state = state;
    this.retry = retry;
    this.builder = new RecordBuilder(settings);
    AtomicInteger threads = new AtomicInteger();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    this.requests =
        Executors.newFixedThreadPool(
            settings.maxConcurrent(),
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        if (mdc != null) {
                          MDC.setContextMap(mdc);
                        }
                        r.run();
                      },
                      "destination-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Delivers the cut; returns when every record is acknowledged or recorded.
   *
   * @param phase the phase to report while healthy (Snapshotting or Streaming)
   * @throws ConfigurationRejectedException when the destination rejects the configuration
   */
  public DeliveryReport deliver(PendingCut cut, Phase phase)
      throws InterruptedException, ConfigurationRejectedException {
    this.phase = phase;
    List<ErrorEntry> failures = Collections.synchronizedList(RecordBuilder.rejects(cut));
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    List<PendingChange> upserts = new ArrayList<>();
    List<PendingChange> deletes = new ArrayList<>();
    int superseded = 0;
    for (PendingChange change : cut.changes()) {
      if (observer.superseded(change.key(), change.lsn())) {
        superseded++;
        continue;
      }
      (change.kind() == PendingChange.Kind.DELETE ? deletes : upserts).add(change);
    }
    if (superseded > 0) {
      log.debug(
          "{} key(s) not sent: the runner applied a newer destination value to their rows",
          superseded);
    }
    List<Future<?>> running = new ArrayList<>();
    for (WriteOperation op : WriteOperation.values()) {
      List<PendingChange> changes = op == WriteOperation.UPSERT ? upserts : deletes;
      if (changes.isEmpty()) {
        continue;
      }
      DeliveryPath path = planner.choose(changes.size(), settings.maxDelay());
      int size =
          path.maxRecordsPerRequest() <= 200
              ? Math.min(path.maxRecordsPerRequest(), settings.maxRecords())
              : path.maxRecordsPerRequest();
      for (int from = 0; from < changes.size(); from += size) {
        List<PendingChange> chunk = changes.subList(from, Math.min(changes.size(), from + size));
        running.add(
            requests.submit(
                () -> {
                  // records are built per request, so only the requests in flight hold them
                  BuiltRecords built =
                      op == WriteOperation.UPSERT
                          ? builder.upserts(chunk, cut.coveredLsn())
                          : RecordBuilder.deletes(chunk);
                  failures.addAll(built.errors());
                  writeChunk(path, op, built.records(), chunk, cut.coveredLsn(), written, failures);
                  return null;
                }));
      }
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      running.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof ConfigurationRejectedException rejected) {
        throw rejected;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException(
          "delivery failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      throw e;
    }
    List<ErrorEntry> entries;
    synchronized (failures) {
      entries = List.copyOf(failures);
    }
    errors.record(entries);
    if (!entries.isEmpty()) {
      observer.abandoned(entries.stream().map(ErrorEntry::upsertKey).toList());
    }
    List<String> writtenKeys;
    synchronized (written) {
      writtenKeys = List.copyOf(written);
    }
    errors.resolve(writtenKeys);
    state.addRecordsWritten(writtenKeys.size());
    state.addRecordErrors(entries.size());
    state.flushed();
    state.meters().flushed(writtenKeys.size() + entries.size());
    state.meters().acknowledgedCommit(cut.oldestCommitMicros());
    return new DeliveryReport(writtenKeys.size(), entries.size());
  }

  private void writeChunk(
      DeliveryPath path,
      WriteOperation op,
      List<DestinationRecord> chunk,
      List<PendingChange> changes,
      long lsn,
      List<String> written,
      List<ErrorEntry> failures)
      throws InterruptedException, ConfigurationRejectedException {
    Map<String, PendingChange> byKey = null;
    List<DestinationRecord> todo = chunk;
    if (op == WriteOperation.UPSERT && observer != ForwardObserver.NONE) {
      Map<String, PendingChange> changeOf = index(changes);
      byKey = changeOf;
      todo =
          observer.unsynced(
              chunk,
              key -> {
                PendingChange change = changeOf.get(key);
                return change == null ? 0 : change.lsn();
              });
    }
    int recordAttempts = 0;
    int requestFailures = 0;
    while (!todo.isEmpty()) {
      WriteResult result;
      try {
        result = destination.write(path, op, todo);
      } catch (DestinationException e) {
        requestFailures++;
        handleRequestFailure(e, requestFailures);
        continue;
      }
      if (requestFailures > 0) {
        recovered();
        requestFailures = 0;
      }
      if (result.outcomes().size() != todo.size()) {
        throw new IllegalStateException(
            "the destination returned "
                + result.outcomes().size()
                + " outcomes for "
                + todo.size()
                + " records");
      }
      recordAttempts++;
      if (observer != ForwardObserver.NONE) {
        byKey = byKey != null ? byKey : index(changes);
        acknowledge(op, todo, result, byKey);
      }
      List<DestinationRecord> again = new ArrayList<>();
      Duration wait = Duration.ZERO;
      for (int i = 0; i < todo.size(); i++) {
        DestinationRecord record = todo.get(i);
        RecordOutcome outcome = result.outcomes().get(i);
        if (!(outcome instanceof RecordOutcome.Ok) && byKey == null) {
          byKey = index(changes);
        }
        if (outcome instanceof RecordOutcome.Ok) {
          written.add(record.externalId());
        } else if (outcome instanceof RecordOutcome.Permanent p) {
          failures.add(
              entry(record, lsn, p.code(), p.message(), p.fields(), byKey, recordAttempts));
        } else if (outcome instanceof RecordOutcome.Retryable r) {
          if (recordAttempts >= retry.maxRecordAttempts()) {
            failures.add(
                entry(
                    record,
                    lsn,
                    r.code(),
                    r.message()
                        + " (still failing after "
                        + recordAttempts
                        + " attempts; replay it once the cause is gone)",
                    List.of(),
                    byKey,
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

  private static Map<String, PendingChange> index(List<PendingChange> changes) {
    Map<String, PendingChange> byKey = new HashMap<>();
    for (PendingChange change : changes) {
      byKey.put(change.key(), change);
    }
    return byKey;
  }

  private void acknowledge(
      WriteOperation op,
      List<DestinationRecord> records,
      WriteResult result,
      Map<String, PendingChange> byKey)
      throws InterruptedException {
    List<AckedRecord> acked = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (result.outcomes().get(i) instanceof RecordOutcome.Ok ok) {
        PendingChange change = byKey.get(records.get(i).externalId());
        acked.add(
            new AckedRecord(records.get(i), ok.nativeId(), change == null ? 0 : change.lsn()));
      }
    }
    if (!acked.isEmpty()) {
      observer.acknowledged(op, acked);
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

  private ErrorEntry entry(
      DestinationRecord record,
      long lsn,
      String code,
      String message,
      List<String> fields,
      Map<String, PendingChange> byKey,
      int attempts) {
    PendingChange change = byKey.get(record.externalId());
    return new ErrorEntry(
        record.externalId(),
        lsn,
        code,
        message,
        fields,
        change == null ? null : builder.payload(change),
        attempts);
  }

  @Override
  public void close() {
    requests.shutdownNow();
  }
}

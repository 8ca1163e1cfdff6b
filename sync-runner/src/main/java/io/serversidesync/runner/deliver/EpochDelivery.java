package io.serversidesync.runner.deliver;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.errors.ErrorEntry;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.plan.DeliveryPlanner;
import io.serversidesync.runner.status.RunnerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one cut completely: every record ends acknowledged or in the errors table before {@link
 * #deliver} returns, which is what lets the checkpoint pass the cut. The cut's changes are split
 * into requests of the size the chosen {@link DeliveryPath} takes, and the requests run
 * concurrently up to the sync's maxConcurrent, each through the {@link ForwardGate} and retried by
 * the {@link RequestWriter}.
 */
public final class EpochDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EpochDelivery.class);

  private final SyncSettings settings;
  private final Destination destination;
  private final DeliveryPlanner planner;
  private final ErrorsStore errors;
  private final RunnerState state;
  private final RecordBuilder builder;
  private final ForwardGate gate;
  private final RequestWriter writer;
  private final ExecutorService requests;

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
    this.settings = settings;
    this.destination = destination;
    this.planner = new DeliveryPlanner(destination.deliveryPaths(), settings.bulkThreshold());
    this.errors = errors;
    this.state = state;
    this.builder = new RecordBuilder(settings);
    this.gate = new ForwardGate(destination, observer);
    this.writer = new RequestWriter(builder, state, retry, settings::waitForParent);
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
   * @param backlog the cut holds changes that were already late when read (a snapshot, or WAL
   *     written while the runner was stopped): a one-way sync takes the cheapest path whatever its
   *     latency, instead of the cheapest that fits maxDelay
   * @throws ConfigurationRejectedException when the destination rejects the configuration
   */
  public DeliveryReport deliver(PendingCut cut, Phase phase, boolean backlog)
      throws InterruptedException, ConfigurationRejectedException {
    writer.phase(phase);
    CutOutcomes outcomes = new CutOutcomes(RecordBuilder.rejects(cut));
    CutWrites writes = CutWrites.of(gate.notSuperseded(cut.changes()), destination.keyMatching());
    if (!writes.merged().isEmpty()) {
      log.info(
          "{} delete(s) left out: each key names the record an upsert of the same cut writes"
              + " (a key changed only in letter case), e.g. {}",
          writes.merged().size(),
          writes.merged().get(0).key());
    }
    // deletes first, as their own step: no delete can land after an upsert of the same record
    // Two-way syncs keep a backlog within maxDelay's paths: with catch-up cuts on Bulk jobs the
    // two-way chaos run ended with destination edits in Postgres and the runner's older writes in
    // the destination (docs/two-way.md, "Backlogs"); until the reverse direction accounts for a
    // job's
    // window, their backlogs stay on collections calls.
    Duration budget = DeliveryPlanner.budget(backlog, settings);
    send(cut, WriteOperation.DELETE, writes.deletes(), budget, outcomes);
    send(cut, WriteOperation.UPSERT, writes.upserts(), budget, outcomes);
    List<ErrorEntry> entries = outcomes.failures();
    int recordErrors = errors.record(entries);
    entries.forEach(e -> state.meters().recordFailed(e.code()));
    gate.abandoned(entries);
    List<String> writtenKeys = outcomes.writtenKeys();
    errors.resolve(writtenKeys);
    state.addRecordsWritten(writtenKeys.size());
    state.addRecordErrors(recordErrors);
    state.flushed();
    state.meters().flushed(writtenKeys.size() + entries.size());
    state.meters().acknowledgedCommit(cut.oldestCommitMicros());
    return new DeliveryReport(writtenKeys.size(), entries.size());
  }

  /** Sends one operation's changes of the cut, in concurrent requests, and waits for them all. */
  private void send(
      PendingCut cut,
      WriteOperation op,
      List<PendingChange> changes,
      Duration budget,
      CutOutcomes outcomes)
      throws InterruptedException, ConfigurationRejectedException {
    if (changes.isEmpty()) {
      return;
    }
    List<Future<?>> running = new ArrayList<>();
    DeliveryPath path = planner.choose(changes.size(), budget);
    int size = DeliveryPlanner.requestSize(path, settings.maxRecords());
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
                outcomes.failed(built.errors());
                writer.write(
                    gate.request(path, op, chunk), built.records(), cut.coveredLsn(), outcomes);
                return null;
              }));
    }
    awaitAll(running);
  }

  private static void awaitAll(List<Future<?>> running)
      throws InterruptedException, ConfigurationRejectedException {
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
  }

  @Override
  public void close() {
    requests.shutdownNow();
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.checkpoint.Checkpoint;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.DeliveryReport;
import io.serversidesync.runner.deliver.EpochDelivery;
import io.serversidesync.runner.reverse.TwoWay;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The epochs of one slot's stream: cuts the pending map, hands the cut to the delivery thread (one
 * cut in flight at a time, while capture accumulates the next) and, once it is delivered, tells the
 * checkpoint, the error replays and the resends.
 */
final class EpochCuts {

  private final Checkpoint checkpoint;
  private final ErrorReplays replays;
  private final Coalescer coalescer;
  private final ChangeCollector collector;
  private final FlushPolicy flushPolicy;
  private final ExecutorService deliveryThread;
  private final EpochDelivery delivery;
  private final TwoWay twoWay;

  private Future<DeliveryReport> inFlight;
  private long inFlightOldestCommit;
  private long inFlightBytes;

  /**
   * @param twoWay the reverse direction, or null for a one-way sync
   */
  EpochCuts(
      Checkpoint checkpoint,
      ErrorReplays replays,
      Coalescer coalescer,
      ChangeCollector collector,
      FlushPolicy flushPolicy,
      ExecutorService deliveryThread,
      EpochDelivery delivery,
      TwoWay twoWay) {
    this.checkpoint = checkpoint;
    this.replays = replays;
    this.coalescer = coalescer;
    this.collector = collector;
    this.flushPolicy = flushPolicy;
    this.deliveryThread = deliveryThread;
    this.delivery = delivery;
    this.twoWay = twoWay;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  ErrorReplays replays() {
    return replays;
  }

  boolean inFlight() {
    return inFlight != null;
  }

  /** Whether the cut in flight is delivered (or failed) and waits for {@link #complete()}. */
  boolean inFlightDone() {
    return inFlight != null && inFlight.isDone();
  }

  /** The bound counts the cut in flight too: its entries are still in memory. */
  boolean atBound() {
    return flushPolicy.atBound(coalescer.size(), coalescer.estimatedBytes() + inFlightBytes);
  }

  /** The commit time of the oldest change not yet acknowledged by the destination (0: none). */
  long oldestUnackedCommitMicros() {
    return inFlight != null && inFlightOldestCommit != 0
        ? inFlightOldestCommit
        : coalescer.oldestCommitMicros();
  }

  /** Cuts everything pending up to the last decoded commit and starts delivering it. */
  void start() {
    PendingCut cut = coalescer.cut(collector.lastCommitEnd());
    checkpoint.cut(cut.coveredLsn());
    inFlightOldestCommit = cut.oldestCommitMicros();
    inFlightBytes = cut.estimatedBytes();
    replays.cut();
    if (twoWay != null) {
      twoWay.resends().cut();
    }
    inFlight = deliveryThread.submit(() -> delivery.deliver(cut, Phase.Streaming));
  }

  /** Takes the outcome of the delivered cut in flight; what it covered becomes confirmable. */
  void complete() throws InterruptedException, ConfigurationRejectedException {
    try {
      DeliveryReport report = inFlight.get();
      EngineLog.LOG.debug(
          "cut delivered: {} written, {} errors", report.written(), report.errors());
    } catch (ExecutionException e) {
      inFlight = null;
      if (e.getCause() instanceof ConfigurationRejectedException rejected) {
        throw rejected;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException("delivery failed: " + e.getCause(), e.getCause());
    }
    inFlight = null;
    inFlightOldestCommit = 0;
    inFlightBytes = 0;
    checkpoint.delivered();
    replays.delivered();
    if (twoWay != null) {
      twoWay.resends().delivered();
    }
  }

  /** Waits for the cut in flight, if any, to be delivered. */
  void finish() throws InterruptedException, ConfigurationRejectedException {
    if (inFlight != null) {
      try {
        inFlight.get();
      } catch (ExecutionException e) {
        // complete() rethrows the cause
      }
      complete();
    }
  }
}

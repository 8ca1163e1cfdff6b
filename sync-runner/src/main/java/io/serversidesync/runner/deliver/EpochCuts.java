package io.serversidesync.runner.deliver;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.plan.FlushPolicy;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of one slot's stream: cuts the pending map, hands the cut to the delivery thread (one
 * cut in flight at a time, while capture accumulates the next) and, once it is delivered, tells the
 * checkpoint and the {@link CutListener}s (error replays, two-way resends).
 */
public final class EpochCuts {

  private static final Logger log = LoggerFactory.getLogger(EpochCuts.class);

  private final Checkpoint checkpoint;
  private final Coalescer coalescer;
  private final ChangeCollector collector;
  private final FlushPolicy flushPolicy;
  private final ExecutorService deliveryThread;
  private final EpochDelivery delivery;
  private final List<CutListener> listeners;

  private boolean backlogPending;
  private Future<DeliveryReport> inFlight;
  private long inFlightOldestCommit;
  private long inFlightBytes;

  public EpochCuts(
      Checkpoint checkpoint,
      Coalescer coalescer,
      ChangeCollector collector,
      FlushPolicy flushPolicy,
      ExecutorService deliveryThread,
      EpochDelivery delivery,
      List<CutListener> listeners) {
    this.checkpoint = checkpoint;
    this.coalescer = coalescer;
    this.collector = collector;
    this.flushPolicy = flushPolicy;
    this.deliveryThread = deliveryThread;
    this.delivery = delivery;
    this.listeners = List.copyOf(listeners);
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  public boolean inFlight() {
    return inFlight != null;
  }

  /** Whether the cut in flight is delivered (or failed) and waits for {@link #complete()}. */
  public boolean inFlightDone() {
    return inFlight != null && inFlight.isDone();
  }

  /** The bound counts the cut in flight too: its entries are still in memory. */
  public boolean atBound() {
    return flushPolicy.atBound(coalescer.size(), coalescer.estimatedBytes() + inFlightBytes);
  }

  /** The commit time of the oldest change not yet acknowledged by the destination (0: none). */
  public long oldestUnackedCommitMicros() {
    return inFlight != null && inFlightOldestCommit != 0
        ? inFlightOldestCommit
        : coalescer.oldestCommitMicros();
  }

  /**
   * Changes written before streaming started were just read: the next cut holds backlog, already
   * late, and goes by the cheapest path whatever its latency.
   */
  public void backlogRead() {
    backlogPending = true;
  }

  /**
   * Completes and cuts everything pending up to the last decoded commit and starts delivering it.
   *
   * @throws SQLException completing failed (nothing was cut)
   */
  public void start() throws SQLException, InterruptedException {
    for (CutListener listener : listeners) {
      listener.beforeCut();
    }
    PendingCut cut = coalescer.cut(collector.lastCommitEnd());
    checkpoint.cut(cut.coveredLsn());
    inFlightOldestCommit = cut.oldestCommitMicros();
    inFlightBytes = cut.estimatedBytes();
    listeners.forEach(CutListener::cut);
    boolean backlog = backlogPending;
    backlogPending = false;
    inFlight = deliveryThread.submit(() -> delivery.deliver(cut, Phase.Streaming, backlog));
  }

  /** Takes the outcome of the delivered cut in flight; what it covered becomes confirmable. */
  public void complete() throws InterruptedException, ConfigurationRejectedException {
    try {
      DeliveryReport report = inFlight.get();
      log.debug("cut delivered: {} written, {} errors", report.written(), report.errors());
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
    listeners.forEach(CutListener::delivered);
  }

  /** Waits for the cut in flight, if any, to be delivered. */
  public void finish() throws InterruptedException, ConfigurationRejectedException {
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

package io.serversidesync.runner.plan;

import io.serversidesync.runner.config.SyncSettings;

/**
 * When pending changes are cut and delivered, and when reading the WAL pauses: a flush is due at
 * the batch size (maxRecords × k keys, at least the bulk threshold), when the oldest pending change
 * is maxDelay old, or at the bound (maxPendingKeys or the memory estimate). At the bound with a cut
 * still in flight, reading pauses (back-pressure) until it is delivered; nothing is dropped.
 *
 * <p>A cut falls between transactions: a transaction half read is read to its commit first
 * (pgoutput sends a transaction only once it committed, so the rest is already waiting), and the
 * destination never shows a value that only existed inside a transaction. Only the bound cuts
 * inside one, since memory is the harder limit; the destination may then show part of that
 * transaction's changes until the rest follows in the next cut.
 *
 * <p>While the runner catches up with WAL written before it started streaming, only the bound cuts:
 * more changes of the same keys are waiting right behind, and a key sent now would be sent again
 * with them. maxDelay does not cut either: those changes are already late, and reading the rest of
 * the backlog first sends each key once (and lets the planner take the cheapest path for it).
 */
public final class FlushPolicy {

  private final int flushKeys;
  private final long maxDelayNanos;
  private final int maxPendingKeys;
  private final long maxPendingBytes;

  public FlushPolicy(SyncSettings settings, int batchesPerFlush) {
    this(settings, batchesPerFlush, Runtime.getRuntime().maxMemory());
  }

  /**
   * @param maxHeap the JVM's heap limit: the memory bound is held to a third of it, so a bound set
   *     larger than the heap applies back-pressure instead of running out of memory
   */
  public FlushPolicy(SyncSettings settings, int batchesPerFlush, long maxHeap) {
    int size = settings.maxRecords() * batchesPerFlush;
    if (settings.bulkThreshold() != null) {
      size = Math.max(size, settings.bulkThreshold());
    }
    this.flushKeys = Math.min(size, settings.maxPendingKeys());
    this.maxDelayNanos = settings.maxDelay().toNanos();
    this.maxPendingKeys = settings.maxPendingKeys();
    this.maxPendingBytes = Math.min(settings.maxPendingBytes(), maxHeap / 3);
  }

  /** Distinct keys at which a flush is due (the batch size; the cost plan's flush size too). */
  public int flushKeys() {
    return flushKeys;
  }

  /** The memory bound in effect (bytes). */
  public long maxPendingBytes() {
    return maxPendingBytes;
  }

  /**
   * Whether reading should stop to let a flush (or the in-flight cut) happen.
   *
   * @param catchingUp the changes being read were written before streaming started
   */
  public boolean full(int keys, long bytes, boolean catchingUp) {
    return (!catchingUp && keys >= flushKeys) || atBound(keys, bytes);
  }

  public boolean atBound(int keys, long bytes) {
    return keys >= maxPendingKeys || bytes >= maxPendingBytes;
  }

  /**
   * Whether pending changes may be cut now: between transactions always, inside one only at the
   * bound.
   */
  public boolean mayCut(boolean inTransaction, int keys, long bytes) {
    return !inTransaction || atBound(keys, bytes);
  }

  public boolean flushDue(
      int keys, long bytes, long firstChangeNanos, long nowNanos, boolean catchingUp) {
    return full(keys, bytes, catchingUp)
        || (!catchingUp && nowNanos - firstChangeNanos >= maxDelayNanos);
  }
}

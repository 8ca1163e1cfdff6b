package io.serversidesync.runner.config;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The reverse direction of a two-way sync (spec.twoWay).
 *
 * @param pollInterval time between the starts of two polls of the destination
 * @param destinationIdColumn column that receives the destination's native record id
 * @param conflictPolicy which side wins when both changed a record since it was last synced
 * @param pageSize records per page a read asks for; the destination's reader caps it at the most it
 *     returns per page
 * @param settle how long after its modification time a destination record counts as settled: the
 *     high-water mark never passes a younger record, so a record modified again within the same
 *     second (modification times have whole seconds) or committed late is still read; younger
 *     records are read again by the next poll and recognised as seen
 */
public record TwoWaySettings(
    Duration pollInterval,
    String destinationIdColumn,
    ConflictPolicy conflictPolicy,
    int pageSize,
    Duration settle) {

  /** Pages as large as the destination returns (its reader caps the request at its limit). */
  public static final int DEFAULT_PAGE_SIZE = Integer.MAX_VALUE;

  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

  public TwoWaySettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(destinationIdColumn, "destinationIdColumn");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    Objects.requireNonNull(settle, "settle");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
  }

  public TwoWaySettings(
      Duration pollInterval,
      String destinationIdColumn,
      ConflictPolicy conflictPolicy,
      int pageSize) {
    this(pollInterval, destinationIdColumn, conflictPolicy, pageSize, DEFAULT_SETTLE);
  }

  public TwoWaySettings withPageSize(int size) {
    return new TwoWaySettings(pollInterval, destinationIdColumn, conflictPolicy, size, settle);
  }

  public TwoWaySettings withConflictPolicy(ConflictPolicy policy) {
    return new TwoWaySettings(pollInterval, destinationIdColumn, policy, pageSize, settle);
  }

  public TwoWaySettings withSettle(Duration period) {
    return new TwoWaySettings(pollInterval, destinationIdColumn, conflictPolicy, pageSize, period);
  }
}

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
 * @param pageSize records per page of a read (Salesforce: 200 to 2,000)
 */
public record TwoWaySettings(
    Duration pollInterval,
    String destinationIdColumn,
    ConflictPolicy conflictPolicy,
    int pageSize) {

  public static final int DEFAULT_PAGE_SIZE = 2000;

  public TwoWaySettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(destinationIdColumn, "destinationIdColumn");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
  }

  public TwoWaySettings withPageSize(int size) {
    return new TwoWaySettings(pollInterval, destinationIdColumn, conflictPolicy, size);
  }

  public TwoWaySettings withConflictPolicy(ConflictPolicy policy) {
    return new TwoWaySettings(pollInterval, destinationIdColumn, policy, pageSize);
  }
}

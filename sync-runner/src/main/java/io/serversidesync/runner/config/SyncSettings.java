package io.serversidesync.runner.config;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Builder;
import lombok.With;

/**
 * Everything the runner needs from a validated manifest and its Secrets, in the runner's own terms.
 *
 * @param name the sync's name (metadata.name)
 * @param schema the table's schema
 * @param table the table's name
 * @param upsertKey the customer-managed identifier column
 * @param mapping mapped columns in manifest order; includes the upsert key
 * @param filter publication row filter, or null
 * @param capture how changes are captured (null: logical replication)
 * @param deletes what a delete does
 * @param maxRecords records per destination request
 * @param maxDelay longest wait of a captured change before a flush
 * @param bulkThreshold batch size from which the bulk path is used, or null
 * @param maxPendingKeys bound on pending keys
 * @param maxPendingBytes bound on the estimated memory of pending changes
 * @param maxConcurrent most concurrent destination requests
 * @param postgres the source connection
 * @param replayErrorsRequest value of the replay-errors annotation, or null
 * @param twoWay the reverse direction, or null for a one-way sync
 */
@Builder(toBuilder = true)
@With
public record SyncSettings(
    String name,
    String schema,
    String table,
    String upsertKey,
    List<FieldMap> mapping,
    String filter,
    CaptureMethod capture,
    DeletePolicy deletes,
    int maxRecords,
    Duration maxDelay,
    Integer bulkThreshold,
    int maxPendingKeys,
    long maxPendingBytes,
    int maxConcurrent,
    PostgresSettings postgres,
    String replayErrorsRequest,
    TwoWaySettings twoWay) {

  public SyncSettings {
    mapping = List.copyOf(mapping);
    capture = capture == null ? CaptureMethod.LogicalReplication : capture;
  }

  /** Whether changes come from the change table the sync's triggers fill, not from a slot. */
  public boolean triggerCapture() {
    return capture == CaptureMethod.Triggers;
  }

  /** Name of the slot, publication and replication origin: sss_<name>. */
  public String replicationName() {
    return RunnerContract.replicationName(name);
  }

  /** Position of the upsert key in {@link #mapping()}. */
  public int keyField() {
    for (int i = 0; i < mapping.size(); i++) {
      if (mapping.get(i).column().equals(upsertKey)) {
        return i;
      }
    }
    throw new IllegalStateException("validated mapping lacks the upsert key " + upsertKey);
  }

  /** Mapped column names in manifest order. */
  public List<String> columns() {
    return mapping.stream().map(FieldMap::column).toList();
  }

  /**
   * How long a record whose parent {@code object} is missing in the destination is retried: the
   * wait of the lookup to that object, or the longest of all lookups when none names it.
   */
  public Duration waitForParent(String object) {
    Duration longest = Duration.ZERO;
    for (FieldMap m : mapping) {
      if (m.parent() == null) {
        continue;
      }
      if (m.parent().object().equalsIgnoreCase(object)) {
        return m.parent().waitForParent();
      }
      if (m.parent().waitForParent().compareTo(longest) > 0) {
        longest = m.parent().waitForParent();
      }
    }
    return longest;
  }

  /**
   * Two-way: the columns that receive a parent's native record id, by the lookup field whose parent
   * it is (spec.mapping[].reference.idColumn), in manifest order.
   */
  public Map<String, String> parentIdColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (FieldMap m : mapping) {
      if (m.parent() != null && m.parent().idColumn() != null) {
        columns.put(m.field(), m.parent().idColumn());
      }
    }
    return columns;
  }

  /** Destination field names in manifest order. */
  public List<String> fields() {
    return mapping.stream().map(FieldMap::field).toList();
  }
}

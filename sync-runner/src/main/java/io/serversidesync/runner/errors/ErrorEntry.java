package io.serversidesync.runner.errors;

import java.time.Duration;
import java.util.List;
import lombok.Builder;

/**
 * One record that could not be delivered, as it goes into serversidesync.errors.
 *
 * @param upsertKey the key, or null when the row had none
 * @param lsn the WAL position the change was confirmed with (0 when not from the WAL)
 * @param code destination or runner error code, e.g. STRING_TOO_LONG or NULL_UPSERT_KEY
 * @param message what happened and what to do
 * @param fields the fields concerned
 * @param payloadJson the row as JSON, or null
 * @param attempts delivery attempts made
 * @param waitForParent for a record whose parent is missing in the destination: how long to keep
 *     trying it on a schedule ({@link ParentWait}); null for an error that waits for a person
 */
@Builder(toBuilder = true)
public record ErrorEntry(
    String upsertKey,
    long lsn,
    String code,
    String message,
    List<String> fields,
    String payloadJson,
    int attempts,
    Duration waitForParent) {

  /** The code of a record set aside until its parent exists in the destination. */
  public static final String PARENT_NOT_FOUND = "PARENT_NOT_FOUND";

  public ErrorEntry {
    fields = List.copyOf(fields);
  }

  public ErrorEntry(
      String upsertKey,
      long lsn,
      String code,
      String message,
      List<String> fields,
      String payloadJson,
      int attempts) {
    this(upsertKey, lsn, code, message, fields, payloadJson, attempts, null);
  }

  /** Whether the runner tries this record again on its own. */
  public boolean awaitsParent() {
    return waitForParent != null;
  }
}

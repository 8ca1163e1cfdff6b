package io.serversidesync.runner.destination;

import java.time.Duration;
import java.util.List;

/** What happened to one record of a batch. */
public sealed interface RecordOutcome {

  /**
   * The destination holds the record.
   *
   * @param nativeId the destination's own id (e.g. a Salesforce 18-character id), null if unknown
   * @param created true when the record was inserted, false when updated (or deleted)
   */
  record Ok(String nativeId, boolean created) implements RecordOutcome {}

  /**
   * A failure that may pass if the same write is tried again (row lock, server busy).
   *
   * @param code destination error code, e.g. UNABLE_TO_LOCK_ROW
   * @param message destination message
   * @param retryAfter how long the destination asked to wait, null if it did not say
   */
  record Retryable(String code, String message, Duration retryAfter) implements RecordOutcome {}

  /**
   * A failure that will not pass by retrying the same data (too long, missing required field). The
   * runner records it in the errors table and goes on.
   *
   * @param code destination error code, e.g. STRING_TOO_LONG
   * @param message destination message
   * @param fields the fields the destination blamed, possibly empty
   */
  record Permanent(String code, String message, List<String> fields) implements RecordOutcome {
    public Permanent {
      fields = List.copyOf(fields);
    }
  }

  /**
   * The record sets a lookup by a parent's external id and the destination holds no such parent
   * yet. Normal while the parent is synced by another resource: the runner sets the record aside
   * and tries it again for the lookup's waitForParent, without holding back other records.
   *
   * @param code destination error code, e.g. INVALID_FIELD
   * @param message destination message, e.g. "Foreign key external ID: A-17 not found …"
   * @param parentObject the parent object, e.g. Account
   * @param parentKey the parent's external id that was not found, e.g. A-17
   */
  record MissingParent(String code, String message, String parentObject, String parentKey)
      implements RecordOutcome {}
}

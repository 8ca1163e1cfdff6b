package io.serversidesync.sandbox.write;

import java.util.List;

/**
 * The outcome of writing one record.
 *
 * @param id the record id (null when no record was written or matched)
 * @param success whether the write happened
 * @param created whether a record was inserted
 * @param errors the errors when it did not
 */
public record SaveResult(String id, boolean success, boolean created, List<RecordError> errors) {
  public SaveResult {
    errors = List.copyOf(errors);
  }

  public static SaveResult ok(String id, boolean created) {
    return new SaveResult(id, true, created, List.of());
  }

  public static SaveResult failed(String id, RecordError error) {
    return new SaveResult(id, false, false, List.of(error));
  }

  public RecordError firstError() {
    return errors.get(0);
  }
}

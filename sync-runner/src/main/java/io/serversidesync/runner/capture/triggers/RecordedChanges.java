package io.serversidesync.runner.capture.triggers;

import io.serversidesync.runner.capture.TupleView;

/** Receives the changes a round of the {@link ChangeTableReader} read, in the order recorded. */
public interface RecordedChanges {

  /**
   * A recorded key whose row exists (and matches the row filter): its current values.
   *
   * @param row the row's mapped columns, in mapping order (valid only during the call)
   * @param position the WAL insert position where the change was written
   * @param writtenMicros when it was written (Postgres epoch µs)
   */
  void row(TupleView row, long position, long writtenMicros);

  /**
   * A recorded key without a row (deleted, its key changed, or filtered out since), or null when a
   * row was written without a key.
   */
  void gone(String key, long position, long writtenMicros);
}

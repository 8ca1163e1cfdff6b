package io.serversidesync.runner.destination;

import java.time.Instant;
import java.util.Comparator;

/**
 * The reverse direction's high-water mark: the position, in the order the destination reports
 * changes (modification time, then native id), of the last changed record read. Several records may
 * share one modification time (Salesforce's SystemModstamp has whole seconds), so the native id
 * breaks ties: the next read starts strictly after this record, and a record with the same time and
 * a greater id is still read.
 *
 * @param modifiedAt the destination's modification time of that record, or null before the first
 *     read (read every record)
 * @param nativeId its native id, or null before the first read
 */
public record ChangeCursor(Instant modifiedAt, String nativeId) {

  /** Before the first record: the next read starts at the beginning. */
  public static final ChangeCursor START = new ChangeCursor(null, null);

  /** The order of {@link #of(ChangedRecord) positions}: modification time, then native id. */
  public static final Comparator<ChangeCursor> ORDER =
      Comparator.comparing(
              ChangeCursor::modifiedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ChangeCursor::nativeId, Comparator.nullsFirst(Comparator.naturalOrder()));

  public ChangeCursor {
    if ((modifiedAt == null) != (nativeId == null)) {
      throw new IllegalArgumentException("a cursor has both a time and an id, or neither");
    }
  }

  /** The position of a record. */
  public static ChangeCursor of(ChangedRecord record) {
    return new ChangeCursor(record.modifiedAt(), record.nativeId());
  }

  public boolean isStart() {
    return modifiedAt == null;
  }
}

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

  /**
   * How native ids compare: shorter first, then by text. For ids of one fixed length (Salesforce's
   * 18 characters) that is plain text order; for decimal ids without leading zeros (HubSpot's
   * hs_object_id) it is numeric order, where text order would put "100" before "99".
   */
  public static final Comparator<String> ID_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  /** The order of {@link #of(ChangedRecord) positions}: modification time, then native id. */
  public static final Comparator<ChangeCursor> ORDER =
      Comparator.comparing(
              ChangeCursor::modifiedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ChangeCursor::nativeId, Comparator.nullsFirst(ID_ORDER));

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

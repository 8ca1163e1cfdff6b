package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.ChangedRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A changed destination record of a page, with its key and the hashes of its fields.
 *
 * @param hashes null for a deletion
 */
public record PageItem(ChangedRecord record, String key, FieldHashes hashes) {

  /** Whether the destination left some field's value unknown ({@link ChangedRecord#fields()}). */
  public boolean partlyUnknown() {
    return hashes != null && !hashes.complete();
  }

  /**
   * This item with each field the destination left unknown taken from the row: what the row holds
   * there is all that is known of it, so the field neither counts as a change nor is overwritten.
   * Without a row the item stays as it is.
   *
   * @param fieldNames the mapped fields in mapping order (that of the row's columns)
   */
  public PageItem completedFrom(RowImage row, List<String> fieldNames) {
    if (row == null || !partlyUnknown()) {
      return this;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int f = 0; f < fieldNames.size(); f++) {
      String name = fieldNames.get(f);
      fields.put(
          name, record.fields().containsKey(name) ? record.fields().get(name) : row.texts().get(f));
    }
    ChangedRecord completed =
        new ChangedRecord(
            record.nativeId(),
            record.externalId(),
            record.modifiedAt(),
            fields,
            record.parentIds());
    return new PageItem(completed, key, hashes.over(row.hashes()));
  }
}

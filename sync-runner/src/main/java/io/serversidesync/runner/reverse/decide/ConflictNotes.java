package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.StoredForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes a conflict for the log: both sides' values (shortened), times and the winner. */
public final class ConflictNotes {

  private static final int MAX_LOGGED_CHARS = 120;

  private final List<String> columnNames;
  private final StoredForm form;

  /**
   * @param form how the destination stores values (the destination's rules)
   */
  public ConflictNotes(List<String> columnNames, StoredForm form) {
    this.columnNames = columnNames;
    this.form = form;
  }

  public ConflictNote note(PageItem item, RowImage row, boolean destinationWon) {
    Map<String, String> source = new LinkedHashMap<>();
    for (int f = 0; f < columnNames.size(); f++) {
      source.put(columnNames.get(f), shorten(row.texts().get(f)));
    }
    Map<String, String> destination = new LinkedHashMap<>();
    item.record()
        .fields()
        .forEach(
            (field, value) -> destination.put(field, shorten(FieldHashes.canonical(value, form))));
    return new ConflictNote(
        item.key(),
        source,
        row.committedAt(),
        destination,
        item.record().modifiedAt(),
        item.record().nativeId(),
        destinationWon);
  }

  private static String shorten(String value) {
    return value == null || value.length() <= MAX_LOGGED_CHARS
        ? value
        : value.substring(0, MAX_LOGGED_CHARS) + "…";
  }
}

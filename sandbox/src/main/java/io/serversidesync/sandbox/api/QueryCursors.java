package io.serversidesync.sandbox.api;

import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.soql.QueryRow;
import io.serversidesync.sandbox.soql.SelectItem;
import io.serversidesync.sandbox.store.RecordStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open query locators: the rows of a query taken when it ran, paged with {@code nextRecordsUrl}.
 * Only the most recent cursors are kept, as Salesforce limits open cursors per user.
 */
final class QueryCursors {
  static final int MAX_OPEN = 50;

  /** The rows of one query and the page size it was asked with. */
  record Cursor(ObjectDef object, List<SelectItem> select, List<QueryRow> rows, int batchSize) {}

  private final RecordStore store;
  private final Map<String, Cursor> open =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
          return size() > MAX_OPEN;
        }
      };

  QueryCursors(RecordStore store) {
    this.store = store;
  }

  synchronized String open(Cursor cursor) {
    String id = store.nextId("01g");
    open.put(id, cursor);
    return id;
  }

  synchronized Optional<Cursor> get(String id) {
    return Optional.ofNullable(open.get(id));
  }

  synchronized void close(String id) {
    open.remove(id);
  }

  synchronized void clear() {
    open.clear();
  }
}

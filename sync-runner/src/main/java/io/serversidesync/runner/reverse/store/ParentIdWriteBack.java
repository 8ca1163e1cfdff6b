package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.reverse.decide.RowWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes the native record ids of lookups' parents, as the destination holds them, into their
 * columns (spec.mapping[].reference.idColumn), leaving rows that already hold them untouched. The
 * forward direction never learns these ids (it sets lookups by the parent's external id), so the
 * reverse direction fills them for every record it reads, its own writes' echoes included.
 */
public final class ParentIdWriteBack {

  private final List<ParentIdColumn> columns;
  private final String sql;

  public ParentIdWriteBack(TableShape shape) {
    this.columns = shape.parentIds();
    StringJoiner set = new StringJoiner(", ");
    StringJoiner params = new StringJoiner(", ", "?::text[], ", "");
    StringJoiner names = new StringJoiner(", ", "k, ", "");
    StringJoiner changed = new StringJoiner(" OR ");
    for (int i = 0; i < columns.size(); i++) {
      ParentIdColumn p = columns.get(i);
      String value = "u.p" + i + "::" + p.type();
      set.add(p.column() + " = " + value);
      params.add("?::text[]");
      names.add("p" + i);
      changed.add("t." + p.column() + " IS DISTINCT FROM " + value);
    }
    this.sql =
        "UPDATE "
            + shape.table()
            + " AS t SET "
            + set
            + " FROM unnest("
            + params
            + ") AS u("
            + names
            + ") WHERE t."
            + shape.key()
            + " = u.k::"
            + shape.keyType()
            + " AND ("
            + changed
            + ")";
  }

  /** Writes the parents' ids that each record carries into its row. */
  public void fill(Connection c, List<RowWrite> batch) throws SQLException {
    if (columns.isEmpty() || batch.isEmpty()) {
      return;
    }
    List<String[]> arrays = new ArrayList<>();
    String[] keys = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      RowWrite w = batch.get(i);
      keys[i] = w.row() != null ? w.row().key() : w.item().key();
    }
    arrays.add(keys);
    for (ParentIdColumn p : columns) {
      String[] ids = new String[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        ids[i] = batch.get(i).item().record().parentIds().get(p.field());
      }
      arrays.add(ids);
    }
    ArrayStatements.execute(c, sql, arrays);
  }
}

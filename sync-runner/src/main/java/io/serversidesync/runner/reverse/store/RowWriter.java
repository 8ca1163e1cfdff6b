package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.reverse.decide.RowWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes destination records into the synced table with set-based statements (one per batch):
 * updates of locked rows, inserts of new keys, deletes; each with the destination's native id.
 */
public final class RowWriter {

  private final TableShape shape;
  private final List<String> fieldNames;
  private final String updateSql;
  private final String insertSql;
  private final String deleteSql;

  public RowWriter(TableShape shape, List<String> fieldNames) {
    this.shape = shape;
    this.fieldNames = fieldNames;
    this.updateSql = updateSql(shape);
    this.insertSql = insertSql(shape);
    this.deleteSql =
        "DELETE FROM "
            + shape.table()
            + " AS t USING unnest(?::text[]) AS u(k) WHERE t."
            + shape.key()
            + " = u.k::"
            + shape.keyType();
  }

  public void update(Connection c, List<RowWrite> batch) throws SQLException {
    ArrayStatements.execute(c, updateSql, arrays(batch, true));
  }

  /**
   * Inserts the batch's keys that have no row (a row the application inserted meanwhile stays as it
   * is) and returns the keys inserted.
   */
  public Set<String> insert(Connection c, List<RowWrite> batch) throws SQLException {
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(insertSql)) {
      ArrayStatements.bind(c, s, arrays(batch, false));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    if (inserted.size() == batch.size()) {
      // every record became a row; key texts as the destination spelled them
      inserted.clear();
      batch.forEach(w -> inserted.add(w.item().key()));
    }
    return inserted;
  }

  public void delete(Connection c, List<RowWrite> batch) throws SQLException {
    String[] keys = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      keys[i] = batch.get(i).row().key();
    }
    ArrayStatements.execute(c, deleteSql, List.<String[]>of(keys));
  }

  /**
   * The statement's parameters: keys, the values of each non-key field, native ids.
   *
   * @param rowKeys whether the keys are the locked rows' (an update) or the records' (an insert)
   */
  private List<String[]> arrays(List<RowWrite> batch, boolean rowKeys) {
    int n = shape.fieldCount();
    List<String[]> arrays = new ArrayList<>();
    String[] keys = new String[batch.size()];
    String[] ids = new String[batch.size()];
    List<String[]> values = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      values.add(f == shape.keyField() ? null : new String[batch.size()]);
    }
    for (int i = 0; i < batch.size(); i++) {
      RowWrite w = batch.get(i);
      keys[i] = rowKeys ? w.row().key() : w.item().key();
      ids[i] = w.item().record().nativeId();
      for (int f = 0; f < n; f++) {
        if (f != shape.keyField()) {
          values.get(f)[i] = PgText.of(w.item().record().fields().get(fieldNames.get(f)));
        }
      }
    }
    arrays.add(keys);
    for (int f = 0; f < n; f++) {
      if (f != shape.keyField()) {
        arrays.add(values.get(f));
      }
    }
    arrays.add(ids);
    return arrays;
  }

  private static String updateSql(TableShape shape) {
    StringBuilder set = new StringBuilder();
    StringBuilder from = new StringBuilder("unnest(?::text[]");
    StringBuilder names = new StringBuilder("k");
    for (int f = 0; f < shape.fieldCount(); f++) {
      if (f == shape.keyField()) {
        continue;
      }
      set.append(shape.columns().get(f))
          .append(" = u.v")
          .append(f)
          .append("::")
          .append(shape.types().get(f))
          .append(", ");
      from.append(", ?::text[]");
      names.append(", v").append(f);
    }
    set.append(shape.idColumn()).append(" = u.nid::").append(shape.idType());
    from.append(", ?::text[])");
    names.append(", nid");
    return "UPDATE "
        + shape.table()
        + " AS t SET "
        + set
        + " FROM "
        + from
        + " AS u("
        + names
        + ") WHERE t."
        + shape.key()
        + " = u.k::"
        + shape.keyType();
  }

  private static String insertSql(TableShape shape) {
    StringBuilder columns = new StringBuilder(shape.key());
    StringBuilder select = new StringBuilder("u.k::").append(shape.keyType());
    StringBuilder from = new StringBuilder("unnest(?::text[]");
    StringBuilder names = new StringBuilder("k");
    for (int f = 0; f < shape.fieldCount(); f++) {
      if (f == shape.keyField()) {
        continue;
      }
      columns.append(", ").append(shape.columns().get(f));
      select.append(", u.v").append(f).append("::").append(shape.types().get(f));
      from.append(", ?::text[]");
      names.append(", v").append(f);
    }
    columns.append(", ").append(shape.idColumn());
    select.append(", u.nid::").append(shape.idType());
    from.append(", ?::text[])");
    names.append(", nid");
    return "INSERT INTO "
        + shape.table()
        + " ("
        + columns
        + ") SELECT "
        + select
        + " FROM "
        + from
        + " AS u("
        + names
        + ") ON CONFLICT ("
        + shape.key()
        + ") DO NOTHING RETURNING "
        + shape.key()
        + "::text";
  }
}

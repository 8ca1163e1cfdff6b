package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.reverse.decide.RowWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the destination's native ids into the configured column (of rows the reverse direction
 * leaves as they are, and of rows whose forward upsert the destination acknowledged), leaving rows
 * that already hold the id untouched.
 */
public final class IdWriteBack {

  private final String idSql;

  public IdWriteBack(TableShape shape) {
    this.idSql =
        "UPDATE "
            + shape.table()
            + " AS t SET "
            + shape.idColumn()
            + " = u.nid::"
            + shape.idType()
            + " FROM unnest(?::text[], ?::text[]) AS u(k, nid) WHERE t."
            + shape.key()
            + " = u.k::"
            + shape.keyType()
            + " AND t."
            + shape.idColumn()
            + " IS DISTINCT FROM u.nid::"
            + shape.idType();
  }

  public void fill(Connection c, List<RowWrite> batch) throws SQLException {
    String[] keys = new String[batch.size()];
    String[] ids = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      keys[i] = batch.get(i).row().key();
      ids[i] = batch.get(i).item().record().nativeId();
    }
    write(c, keys, ids);
  }

  /** Writes {@code ids[i]} into the row of {@code keys[i]}; returns the rows whose id changed. */
  public int write(Connection c, String[] keys, String[] ids) throws SQLException {
    return ArrayStatements.execute(c, idSql, List.of(keys, ids));
  }
}

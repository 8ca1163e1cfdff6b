package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.convert.PgTextDecoder;
import io.serversidesync.runner.convert.UnconvertibleValueException;
import io.serversidesync.runner.destination.StoredForm;
import io.serversidesync.runner.reverse.decide.FieldHashes;
import io.serversidesync.runner.reverse.decide.RowImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and locks (FOR UPDATE) the synced table's rows of some keys, in the caller's transaction,
 * with their values typed as the capture side types them, so that both directions hash alike.
 */
public final class RowLocker {

  private final TableShape shape;
  private final boolean commitTimes;
  private final StoredForm form;
  private final String selectRowsSql;

  /**
   * @param commitTimes whether to read each row's commit time (last-write-wins needs it)
   */
  /**
   * @param form how the destination stores values, for the row's field hashes
   */
  public RowLocker(TableShape shape, boolean commitTimes, StoredForm form) {
    this.shape = shape;
    this.commitTimes = commitTimes;
    this.form = form;
    this.selectRowsSql = selectRowsSql(shape, commitTimes);
  }

  /**
   * The rows of {@code keys} that exist, by the key as given; a key the column refuses has none.
   */
  public Map<String, RowImage> lock(Connection c, Collection<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    Savepoint all = c.setSavepoint();
    try {
      Map<String, RowImage> rows = selectRows(c, keys);
      c.releaseSavepoint(all);
      return rows;
    } catch (SQLException e) {
      if (!OriginSession.isDataError(e)) {
        throw e;
      }
      c.rollback(all);
    }
    // some key does not fit the key column's type: look the keys up one by one (that key has no
    // row; inserting it fails its record only)
    Map<String, RowImage> rows = new HashMap<>();
    for (String key : keys) {
      Savepoint one = c.setSavepoint();
      try {
        rows.putAll(selectRows(c, List.of(key)));
        c.releaseSavepoint(one);
      } catch (SQLException e) {
        if (!OriginSession.isDataError(e)) {
          throw e;
        }
        c.rollback(one);
      }
    }
    return rows;
  }

  private Map<String, RowImage> selectRows(Connection c, Collection<String> keys)
      throws SQLException {
    Map<String, RowImage> rows = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(selectRowsSql)) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        int n = shape.fieldCount();
        while (rs.next()) {
          List<String> texts = new ArrayList<>(n);
          List<Object> values = new ArrayList<>(n);
          for (int f = 0; f < n; f++) {
            String text = rs.getString(3 + f);
            texts.add(text);
            values.add(typed(f, text));
          }
          boolean[] known = new boolean[n];
          Arrays.fill(known, true);
          Timestamp committed = commitTimes ? rs.getTimestamp(4 + n) : null;
          rows.put(
              rs.getString(1),
              new RowImage(
                  rs.getString(2),
                  texts,
                  FieldHashes.ofValues(values, known, form),
                  rs.getString(3 + n),
                  committed == null ? null : committed.toInstant()));
        }
      }
    }
    return rows;
  }

  /** A column's text as the capture side would type it, so both directions hash alike. */
  private Object typed(int field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return PgTextDecoder.convert(shape.typeOids()[field], text);
    } catch (UnconvertibleValueException e) {
      return text;
    }
  }

  private static String selectRowsSql(TableShape shape, boolean commitTimes) {
    StringBuilder sql = new StringBuilder("SELECT u.k, t.").append(shape.key()).append("::text");
    for (String column : shape.columns()) {
      sql.append(", t.").append(column).append("::text");
    }
    sql.append(", t.").append(shape.idColumn()).append("::text");
    if (commitTimes) {
      sql.append(", pg_xact_commit_timestamp(t.xmin)");
    }
    return sql.append(" FROM unnest(?::text[]) AS u(k) JOIN ")
        .append(shape.table())
        .append(" AS t ON t.")
        .append(shape.key())
        .append(" = u.k::")
        .append(shape.keyType())
        .append(" ORDER BY t.")
        .append(shape.key())
        .append(" FOR UPDATE OF t")
        .toString();
  }
}

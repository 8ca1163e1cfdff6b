package io.serversidesync.runner.capture;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns text columns of a result row into a {@link TupleView}, the form pgoutput's row images have,
 * so that rows read from the table take the same path as rows decoded from the WAL.
 */
public final class ResultSetRows {

  private ResultSetRows() {}

  /**
   * Fills {@code row} with {@code count} columns of the current result row, starting at column
   * {@code first} (1-based), each selected as text.
   */
  public static void fill(ResultSet rs, int first, int count, TupleView row) throws SQLException {
    byte[][] values = new byte[count][];
    int total = 0;
    for (int i = 0; i < count; i++) {
      String text = rs.getString(first + i);
      values[i] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
      total += values[i] == null ? 0 : values[i].length;
    }
    byte[] buffer = new byte[total];
    row.reset(buffer, count);
    int at = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] == null) {
        row.set(i, TupleView.NULL, at, 0);
      } else {
        System.arraycopy(values[i], 0, buffer, at, values[i].length);
        row.set(i, TupleView.TEXT, at, values[i].length);
        at += values[i].length;
      }
    }
  }
}

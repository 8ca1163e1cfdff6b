package io.serversidesync.runner.reverse;

import io.serversidesync.runner.destination.JsonText;
import java.math.BigDecimal;

/**
 * A destination value as the text Postgres casts to the column's type ({@code '…'::type}): the
 * reverse direction writes values in the same text form the capture side reads them in.
 */
final class PgText {

  private PgText() {}

  static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : Double.toString(d);
    }
    if (value instanceof JsonText j) {
      return j.json();
    }
    // String, Long, Boolean and java.time values print in forms Postgres parses
    return value.toString();
  }
}

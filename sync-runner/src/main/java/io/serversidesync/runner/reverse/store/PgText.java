package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.destination.JsonText;
import java.math.BigDecimal;

/**
 * A destination value as the text Postgres casts to the column's type ({@code '…'::type}): the
 * reverse direction writes values in the same text form the capture side reads them in. A whole
 * number is written without a fraction, whatever the destination's number type made of it ({@code
 * 1925.0}): an integer column refuses {@code '1925.0'::integer} while every numeric type takes
 * {@code 1925}. This is Postgres's rule, so it holds for every destination.
 */
final class PgText {

  private PgText() {}

  static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return plain(d);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? plain(BigDecimal.valueOf(d)) : Double.toString(d);
    }
    if (value instanceof JsonText j) {
      return j.json();
    }
    // String, Long, Boolean and java.time values print in forms Postgres parses
    return value.toString();
  }

  /** The decimal's digits, without a fraction when it is a whole number (1925.0 → 1925). */
  private static String plain(BigDecimal d) {
    if (d.scale() > 0 && d.signum() != 0 && d.stripTrailingZeros().scale() <= 0) {
      return d.setScale(0).toPlainString();
    }
    return d.signum() == 0 ? "0" : d.toPlainString();
  }
}

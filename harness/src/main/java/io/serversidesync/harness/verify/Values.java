package io.serversidesync.harness.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The one rule by which every check compares a Postgres value with the destination's, as Salesforce
 * stores values: empty text is null, numbers are equal when numerically equal, a JSON value (read
 * over the REST API) counts as the Java value it holds, and values of different types are compared
 * by their text (a {@code LocalDate} and the REST API's {@code "2026-01-31"}).
 */
public final class Values {

  private Values() {}

  /** Whether the destination holds {@code postgres}'s value as {@code destination}. */
  public static boolean same(Object postgres, Object destination) {
    Object expected = canonical(postgres);
    Object actual = canonical(destination);
    if (expected instanceof BigDecimal a && actual instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    if (expected != null && actual != null && expected.getClass() != actual.getClass()) {
      return expected.toString().equals(actual.toString());
    }
    return Objects.equals(expected, actual);
  }

  /** A value as a reader wants to see it in a difference: quoted text, cut after 60 characters. */
  public static String render(Object value) {
    Object v = canonical(value);
    if (v instanceof String s) {
      return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s).replace("\n", "\\n") + "\"";
    }
    return String.valueOf(v);
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonNode node) {
      value =
          node.isNull() || node.isMissingNode()
              ? null
              : node.isNumber()
                  ? node.decimalValue()
                  : node.isBoolean() ? (Object) node.booleanValue() : node.asText();
    }
    if (value instanceof String s && s.isEmpty()) {
      return null; // Salesforce stores empty text as null
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return value;
  }
}

package io.serversidesync.harness.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The one rule by which every check compares a Postgres value with the destination's, as Salesforce
 * stores values: empty text in Postgres is null, numbers are equal when numerically equal, and a
 * JSON value (read over the REST API) counts as the Java value it holds, compared by its text with
 * a typed one (a {@code LocalDate} and the REST API's {@code "2026-01-31"}). Otherwise values of
 * different types differ.
 */
public final class Values {

  private Values() {}

  /** Whether the destination holds {@code postgres}'s value as {@code destination}. */
  public static boolean same(Object postgres, Object destination) {
    // empty text is null only on the Postgres side: a destination that stores "" is not Salesforce
    Object expected = postgres instanceof String t && t.isEmpty() ? null : canonical(postgres);
    Object actual = canonical(destination);
    if (expected instanceof BigDecimal a && actual instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    boolean fromJson = postgres instanceof JsonNode || destination instanceof JsonNode;
    if (fromJson
        && expected != null
        && actual != null
        && expected.getClass() != actual.getClass()) {
      // the REST API's text of a typed value (a date, a time)
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
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return value;
  }
}

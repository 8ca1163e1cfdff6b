package io.serversidesync.runner.destination.hubspot.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A property value of a search result as the runner's typed value, by the property's type. HubSpot
 * returns every value as text (or null): number → Long when integral, else BigDecimal; bool →
 * Boolean; date (YYYY-MM-DD) → LocalDate; datetime (ISO 8601) → OffsetDateTime in UTC; string,
 * enumeration (multi-select values stay ';'-separated) and other types → String. These are the
 * types the runner sends, so a value it wrote reads back equal. An empty string is how HubSpot
 * shows a cleared property: null.
 */
final class PropertyDecoder {

  private PropertyDecoder() {}

  static Object decode(JsonNode node, PropertyType type) {
    String text = text(node);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return switch (type) {
        case NUMBER -> number(text.trim());
        case BOOL -> bool(text.trim());
        case DATE -> date(text.trim());
        case DATETIME -> datetime(text.trim());
        case STRING, ENUMERATION, OTHER -> text;
      };
    } catch (DateTimeException | NumberFormatException e) {
      // not in the form the type promises: pass the text on, Postgres decides
      return text;
    }
  }

  /** A value as HubSpot sent it (numbers and booleans as their text), or null. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isNumber() ? node.decimalValue().toPlainString() : node.asText();
  }

  /** A datetime value (ISO 8601, or epoch milliseconds as some HubSpot answers still send). */
  static OffsetDateTime datetime(String text) {
    if (isDigits(text)) {
      return Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static Instant instant(String text) {
    return datetime(text).toInstant();
  }

  private static Object number(String text) {
    BigDecimal d = new BigDecimal(text);
    BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException e) {
        // integral but beyond a long: exact as a BigDecimal
        return stripped;
      }
    }
    return d;
  }

  private static Object bool(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return text;
  }

  /** A date: YYYY-MM-DD, or midnight UTC in epoch milliseconds (how dates are sent). */
  private static LocalDate date(String text) {
    if (isDigits(text)) {
      return Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (text.length() > 10 && text.charAt(10) == 'T') {
      return datetime(text).toLocalDate();
    }
    return LocalDate.parse(text);
  }

  private static boolean isDigits(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

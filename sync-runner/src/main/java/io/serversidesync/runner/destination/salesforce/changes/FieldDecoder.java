package io.serversidesync.runner.destination.salesforce.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A field value of a query result as the runner's typed value, by the field's describe type:
 * boolean → Boolean, int → Long, double/currency/percent → BigDecimal, date → LocalDate, datetime →
 * OffsetDateTime (UTC), time → LocalTime, anything else → String. These are the types the runner
 * sends, so a value it wrote reads back equal.
 */
final class FieldDecoder {

  /** Salesforce renders datetimes like 2013-05-20T20:49:32.000+0000. */
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

  private FieldDecoder() {}

  static Object decode(JsonNode node, FieldDescription field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    String text = node.isNumber() ? node.decimalValue().toPlainString() : node.asText();
    try {
      return switch (field.type()) {
        case "boolean" -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(text);
        case "int" -> node.isIntegralNumber() ? node.longValue() : Long.parseLong(text.trim());
        case "double", "currency", "percent" ->
            node.isNumber() ? node.decimalValue() : new BigDecimal(text.trim());
        case "date" -> LocalDate.parse(text);
        case "datetime" -> datetime(text);
        case "time" ->
            LocalTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text);
        default -> text;
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      // not in the form the type promises: pass the text on, Postgres decides
      return text;
    }
  }

  /** A Salesforce datetime (2013-05-20T20:49:32.000+0000, or ISO-8601). */
  static OffsetDateTime datetime(String text) {
    try {
      return OffsetDateTime.parse(text, DATETIME);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text);
    }
  }

  static Instant instant(String text) {
    return datetime(text).toInstant();
  }

  /** An external id as text: numbers without trailing zeros, so 7.0 reads as 7. */
  static String key(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue();
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    return node.asText();
  }
}

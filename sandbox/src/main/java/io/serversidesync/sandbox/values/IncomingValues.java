package io.serversidesync.sandbox.values;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns incoming JSON values and CSV cells into the typed values the store keeps: String, Boolean,
 * BigDecimal, LocalDate, Instant, or null.
 */
public final class IncomingValues {
  private IncomingValues() {}

  /** Converts a JSON value; mismatches are what Salesforce reports as JSON_PARSER_ERROR. */
  public static Object fromJson(FieldDef field, JsonNode node) throws ValueMismatchException {
    if (node == null || node.isNull()) {
      return field.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
    }
    if (node.isContainerNode()) {
      throw new ValueMismatchException(
          javaName(field.type()), node.isArray() ? "START_ARRAY" : "START_OBJECT", "");
    }
    String text = node.asText();
    String token = token(node);
    return switch (field.type()) {
      case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST -> text;
      case ID, REFERENCE -> {
        if (!node.isTextual()) {
          throw new ValueMismatchException("id", token, text);
        }
        yield text;
      }
      case BOOLEAN -> {
        if (node.isBoolean()) {
          yield node.booleanValue();
        }
        if (node.isTextual() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
          yield Boolean.parseBoolean(text);
        }
        throw new ValueMismatchException("boolean", token, text);
      }
      case INT -> {
        BigDecimal n = number(field, node, token, text);
        if (n.stripTrailingZeros().scale() > 0) {
          throw new ValueMismatchException("int", token, text);
        }
        yield n.setScale(0);
      }
      case DOUBLE, CURRENCY, PERCENT -> number(field, node, token, text);
      case DATE -> {
        if (!node.isTextual()) {
          throw new ValueMismatchException("date", token, text);
        }
        try {
          yield SalesforceFormats.parseDate(text);
        } catch (DateTimeParseException e) {
          throw new ValueMismatchException("date", token, text);
        }
      }
      case DATETIME -> {
        if (!node.isTextual()) {
          throw new ValueMismatchException("datetime", token, text);
        }
        try {
          yield SalesforceFormats.parseDatetime(text);
        } catch (DateTimeParseException e) {
          throw new ValueMismatchException("datetime", token, text);
        }
      }
    };
  }

  /**
   * Converts a CSV cell (never empty: empty cells are skipped, {@code #N/A} means null before this
   * is called); mismatches are INVALID_TYPE_ON_FIELD_IN_RECORD record errors.
   */
  public static Object fromText(FieldDef field, String text) throws ValueMismatchException {
    String t = text.trim();
    try {
      return switch (field.type()) {
        case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, ID, REFERENCE -> text;
        case BOOLEAN -> {
          String l = t.toLowerCase(Locale.ROOT);
          if (l.equals("true") || l.equals("1") || l.equals("yes")) {
            yield Boolean.TRUE;
          }
          if (l.equals("false") || l.equals("0") || l.equals("no")) {
            yield Boolean.FALSE;
          }
          throw new ValueMismatchException("boolean", "CSV", text);
        }
        case INT -> {
          BigDecimal n = new BigDecimal(t);
          if (n.stripTrailingZeros().scale() > 0) {
            throw new ValueMismatchException("int", "CSV", text);
          }
          yield n.setScale(0);
        }
        case DOUBLE, CURRENCY, PERCENT -> new BigDecimal(t);
        case DATE -> SalesforceFormats.parseDate(t);
        case DATETIME -> SalesforceFormats.parseDatetime(t);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new ValueMismatchException(javaName(field.type()), "CSV", text);
    }
  }

  private static BigDecimal number(FieldDef field, JsonNode node, String token, String text)
      throws ValueMismatchException {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw new ValueMismatchException(javaName(field.type()), token, text);
      }
    }
    throw new ValueMismatchException(javaName(field.type()), token, text);
  }

  private static String javaName(FieldType type) {
    return switch (type) {
      case INT -> "int";
      case DOUBLE, CURRENCY, PERCENT -> "double";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case DATETIME -> "datetime";
      case ID, REFERENCE -> "id";
      default -> "string";
    };
  }

  private static String token(JsonNode node) {
    if (node.isTextual()) {
      return "VALUE_STRING";
    }
    if (node.isIntegralNumber()) {
      return "VALUE_NUMBER_INT";
    }
    if (node.isNumber()) {
      return "VALUE_NUMBER_FLOAT";
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
    }
    return "VALUE_EMBEDDED_OBJECT";
  }
}

package io.serversidesync.sandbox.hubspot.values;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.schema.PropertyOption;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a sent value into the string HubSpot stores and returns, or refuses it. Every value is
 * returned as a string; an empty string (or JSON null) clears the property (stored as null).
 */
public final class ValueNormalizer {
  /** HubSpot's limit on a string property value. */
  public static final int MAX_STRING_LENGTH = 65_536;

  private ValueNormalizer() {}

  /** The stored form of {@code value} for {@code def}, null when it clears the property. */
  public static String normalize(PropertyDef def, JsonNode value) throws InvalidValueException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isContainerNode()) {
      throw invalid(def, "INVALID_VALUE", value + " is not a scalar value.");
    }
    String text =
        value.isNumber()
            ? (value.isIntegralNumber()
                ? value.bigIntegerValue().toString()
                : value.decimalValue().toPlainString())
            : value.asText();
    return normalize(def, text);
  }

  /** The stored form of {@code text} for {@code def}, null when it clears the property. */
  public static String normalize(PropertyDef def, String text) throws InvalidValueException {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return switch (def.type()) {
      case STRING -> string(def, text);
      case NUMBER -> number(def, text);
      case DATE ->
          HubSpotFormats.parseDate(text)
              .map(Object::toString)
              .orElseThrow(
                  () ->
                      invalid(
                          def,
                          "INVALID_DATE",
                          quote(text)
                              + " was not a valid date. Send YYYY-MM-DD or epoch milliseconds at"
                              + " midnight UTC."));
      case DATETIME ->
          HubSpotFormats.parseInstant(text)
              .map(HubSpotFormats::datetime)
              .orElseThrow(
                  () ->
                      invalid(
                          def,
                          "INVALID_DATETIME",
                          quote(text)
                              + " was not a valid datetime. Send epoch milliseconds or ISO 8601."));
      case BOOL -> bool(def, text);
      case ENUMERATION -> enumeration(def, text);
    };
  }

  private static String string(PropertyDef def, String text) throws InvalidValueException {
    if (text.length() > MAX_STRING_LENGTH) {
      throw invalid(
          def,
          "INVALID_STRING_LENGTH",
          "Value of length "
              + text.length()
              + " exceeds the maximum length of "
              + MAX_STRING_LENGTH
              + " characters.");
    }
    return text;
  }

  private static String number(PropertyDef def, String text) throws InvalidValueException {
    try {
      BigDecimal n = new BigDecimal(text.trim());
      return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      throw invalid(def, "INVALID_INTEGER", quote(text) + " was not a valid number.");
    }
  }

  private static String bool(PropertyDef def, String text) throws InvalidValueException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return t;
    }
    throw invalid(def, "INVALID_BOOLEAN", quote(text) + " was not a valid boolean.");
  }

  private static String enumeration(PropertyDef def, String text) throws InvalidValueException {
    List<String> values = new ArrayList<>();
    for (String v : text.split(";", -1)) {
      if (!def.allows(v)) {
        throw invalid(
            def,
            "INVALID_OPTION",
            quote(v)
                + " was not one of the allowed options: "
                + def.options().stream().map(PropertyOption::value).toList());
      }
      values.add(v);
    }
    return String.join(";", values);
  }

  /** A value read back as a number, when the property's stored form is numeric. */
  public static Optional<BigDecimal> numeric(String stored) {
    try {
      return Optional.of(new BigDecimal(stored));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String quote(String text) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return "\"" + shown + "\"";
  }

  private static InvalidValueException invalid(PropertyDef def, String error, String message) {
    return new InvalidValueException(new InvalidValue(def.name(), error, message));
  }
}

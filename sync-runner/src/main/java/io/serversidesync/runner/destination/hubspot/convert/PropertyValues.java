package io.serversidesync.runner.destination.hubspot.convert;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.hubspot.properties.HubSpotProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One value as HubSpot takes it for its property's type. Every value travels as text: HubSpot
 * accepts text for every type and returns every value as text. Dates are midnight UTC in epoch
 * milliseconds and datetimes epoch milliseconds, as HubSpot documents them.
 */
public final class PropertyValues {

  /** HubSpot's limit on a string property's value. */
  public static final int MAX_STRING_LENGTH = 65_536;

  private static final int OPTIONS_IN_MESSAGE = 10;

  private PropertyValues() {}

  /** What a value is sent as, or why it cannot be. */
  public sealed interface Encoded {}

  /** The value to send. */
  public record Value(String text) implements Encoded {}

  /** The value was refused. */
  public record Refused(ValueRefusal refusal) implements Encoded {}

  /**
   * The text to send for {@code value}; null clears the property ("").
   *
   * @param value a typed value as documented on DestinationRecord
   */
  public static Encoded encode(HubSpotProperty property, Object value) {
    if (value == null) {
      return new Value("");
    }
    return switch (property.type()) {
      case NUMBER -> number(property, value);
      case DATE -> date(property, value);
      case DATETIME -> datetime(property, value);
      case BOOL -> bool(property, value);
      case ENUMERATION -> enumeration(property, value);
      case STRING, OTHER -> string(property, text(value));
    };
  }

  private static Encoded string(HubSpotProperty property, String text) {
    if (text.length() > MAX_STRING_LENGTH) {
      return refused(
          "STRING_TOO_LONG",
          property,
          "holds "
              + text.length()
              + " characters; HubSpot takes at most "
              + MAX_STRING_LENGTH
              + " in a property: shorten the value in Postgres");
    }
    return new Value(text);
  }

  private static Encoded number(HubSpotProperty property, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return new Value(value.toString());
    }
    if (value instanceof BigDecimal d) {
      return new Value(d.stripTrailingZeros().toPlainString());
    }
    if (value instanceof Double d && Double.isFinite(d)) {
      return new Value(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
    }
    if (value instanceof String s) {
      try {
        return new Value(new BigDecimal(s.trim()).toPlainString());
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    return refused(
        "INVALID_NUMBER",
        property,
        "is a number property; \"" + shortened(text(value)) + "\" is not a number");
  }

  private static Encoded date(HubSpotProperty property, Object value) {
    LocalDate date = null;
    if (value instanceof LocalDate d) {
      date = d;
    } else if (value instanceof LocalDateTime t && t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      date = t.toLocalDate();
    } else if (value instanceof String s) {
      try {
        date = LocalDate.parse(s.trim());
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    if (date == null) {
      return refused(
          "INVALID_DATE",
          property,
          "is a date property; \""
              + shortened(text(value))
              + "\" is not a date (map a date column, or a datetime property for a timestamp)");
    }
    return new Value(Long.toString(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
  }

  private static Encoded datetime(HubSpotProperty property, Object value) {
    Long millis = null;
    if (value instanceof OffsetDateTime t) {
      millis = t.toInstant().toEpochMilli();
    } else if (value instanceof LocalDateTime t) {
      // timestamp without time zone: taken as UTC, as DestinationRecord documents
      millis = t.toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (value instanceof LocalDate d) {
      millis = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } else if (value instanceof String s) {
      try {
        millis = OffsetDateTime.parse(s.trim()).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    if (millis == null) {
      return refused(
          "INVALID_DATETIME",
          property,
          "is a datetime property; \"" + shortened(text(value)) + "\" is not a point in time");
    }
    return new Value(Long.toString(millis));
  }

  private static Encoded bool(HubSpotProperty property, Object value) {
    if (value instanceof Boolean b) {
      return new Value(b.toString());
    }
    String text = text(value).trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return new Value(text);
    }
    return refused(
        "INVALID_BOOLEAN",
        property,
        "is a boolean property; \"" + shortened(text(value)) + "\" is neither true nor false");
  }

  private static Encoded enumeration(HubSpotProperty property, Object value) {
    String text = text(value);
    if (text.isEmpty() || property.options().isEmpty()) {
      return new Value(text);
    }
    List<String> unknown = new ArrayList<>();
    for (String part : text.split(";", -1)) {
      if (!property.options().contains(part)) {
        unknown.add(part);
      }
    }
    if (unknown.isEmpty()) {
      return new Value(text);
    }
    List<String> allowed = property.options();
    return refused(
        "INVALID_OPTION",
        property,
        "has no option \""
            + shortened(String.join(";", unknown))
            + "\"; its options are "
            + String.join(", ", allowed.subList(0, Math.min(OPTIONS_IN_MESSAGE, allowed.size())))
            + (allowed.size() > OPTIONS_IN_MESSAGE ? ", …" : "")
            + " (add the option in HubSpot, or change the value in Postgres)");
  }

  private static String text(Object value) {
    if (value instanceof JsonText json) {
      return json.json();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }

  private static String shortened(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static Refused refused(String code, HubSpotProperty property, String problem) {
    return new Refused(new ValueRefusal(code, "property " + property.name() + " " + problem));
  }
}

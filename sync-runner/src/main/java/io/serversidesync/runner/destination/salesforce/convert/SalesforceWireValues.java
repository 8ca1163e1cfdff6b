package io.serversidesync.runner.destination.salesforce.convert;

import io.serversidesync.runner.destination.JsonText;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;

/**
 * Converts one typed value to the wire value of one Salesforce field. Wire values are {@code null},
 * {@code String}, {@code Boolean}, {@code Long} or {@code BigDecimal}; dates travel as {@code
 * yyyy-MM-dd}, datetimes as ISO-8601 in UTC with milliseconds ({@code 2024-05-01T12:30:00.000Z}),
 * times as {@code HH:mm:ss.SSSZ}.
 *
 * <p>Lengths and required fields are left to Salesforce, whose record-level errors (STRING_TOO_LONG
 * …) say it best; what is refused here is what would make Salesforce reject the whole request (a
 * word in a number field) or silently store something else.
 */
public final class SalesforceWireValues {

  private static final Set<String> TEXT_TYPES =
      Set.of(
          "string",
          "textarea",
          "email",
          "phone",
          "url",
          "picklist",
          "multipicklist",
          "combobox",
          "encryptedstring",
          "id",
          "reference",
          "base64");

  private static final DateTimeFormatter DATETIME_OUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_OUT =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'", Locale.ROOT);

  /** ISO-8601 and Postgres text forms: 2024-05-01T12:30:00Z, 2024-05-01 12:30:00.5+02, … */
  private static final DateTimeFormatter DATETIME_IN =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHmm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** Salesforce stores dates from 1700-01-01 to 4000-12-31. */
  private static final int MIN_YEAR = 1700;

  private static final int MAX_YEAR = 4000;

  private SalesforceWireValues() {}

  /**
   * @param field the target field's describe
   * @param value a value of a type documented on DestinationRecord, or null
   * @return the wire value
   */
  public static Object convert(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw refuse(field, value, "Salesforce has no NaN or infinite numbers");
    }
    if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      throw refuse(field, value, "Salesforce has no NaN or infinite numbers");
    }
    String type = field.type();
    if (TEXT_TYPES.contains(type)) {
      return text(value);
    }
    return switch (type) {
      case "boolean" -> bool(field, value);
      case "int", "long" -> integer(field, value);
      case "double", "currency", "percent" -> decimal(field, value);
      case "date" -> date(field, value);
      case "datetime" -> datetime(field, value);
      case "time" -> time(field, value);
      default -> loose(value);
    };
  }

  /** A value as text, the way Postgres would print it (dates and datetimes as Salesforce does). */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d)
          ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
          : String.valueOf(d);
    }
    if (value instanceof LocalDateTime t) {
      return DATETIME_OUT.format(t.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof OffsetDateTime t) {
      return DATETIME_OUT.format(t.toInstant());
    }
    if (value instanceof ZonedDateTime t) {
      return DATETIME_OUT.format(t.toInstant());
    }
    if (value instanceof Instant t) {
      return DATETIME_OUT.format(t);
    }
    if (value instanceof JsonText json) {
      return json.json();
    }
    return String.valueOf(value);
  }

  /** Types the describe does not name (anyType …): strings, booleans and numbers as they are. */
  private static Object loose(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return text(value);
  }

  private static Boolean bool(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      long n = ((Number) value).longValue();
      if (n == 0 || n == 1) {
        return n == 1;
      }
    }
    if (value instanceof String s) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1":
          return true;
        case "false", "f", "no", "n", "off", "0":
          return false;
        default:
          break;
      }
    }
    throw refuse(field, value, "expected true or false");
  }

  private static Long integer(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    BigDecimal number = number(field, value, "expected a whole number");
    BigInteger whole;
    try {
      whole = number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw refuse(field, value, "expected a whole number");
    }
    boolean fits = field.type().equals("int") ? whole.bitLength() < 32 : whole.bitLength() < 64;
    if (!fits) {
      throw refuse(field, value, "out of range for a " + field.type() + " field");
    }
    return whole.longValueExact();
  }

  private static Object decimal(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return number(field, value, "expected a number");
  }

  private static BigDecimal number(FieldDescription field, Object value, String expected)
      throws UnconvertibleValueException {
    if (value instanceof BigDecimal b) {
      return b;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    if (value instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw refuse(field, value, expected);
      }
    }
    throw refuse(field, value, expected);
  }

  private static String date(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    LocalDate date;
    if (value instanceof LocalDate d) {
      date = d;
    } else if (value instanceof LocalDateTime t) {
      date = t.toLocalDate();
    } else if (value instanceof OffsetDateTime t) {
      date = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } else if (value instanceof String s) {
      date = parseDate(field, s);
    } else {
      throw refuse(field, value, "expected a date (YYYY-MM-DD)");
    }
    checkYear(field, value, date.getYear());
    return date.toString();
  }

  private static LocalDate parseDate(FieldDescription field, String s)
      throws UnconvertibleValueException {
    String trimmed = s.trim();
    try {
      return LocalDate.parse(trimmed);
    } catch (DateTimeException e) {
      try {
        return instantOf(trimmed).atOffset(ZoneOffset.UTC).toLocalDate();
      } catch (DateTimeException e2) {
        throw refuse(field, s, "expected a date (YYYY-MM-DD)");
      }
    }
  }

  private static String datetime(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    Instant instant;
    if (value instanceof LocalDateTime t) {
      instant = t.toInstant(ZoneOffset.UTC);
    } else if (value instanceof OffsetDateTime t) {
      instant = t.toInstant();
    } else if (value instanceof ZonedDateTime t) {
      instant = t.toInstant();
    } else if (value instanceof Instant t) {
      instant = t;
    } else if (value instanceof LocalDate d) {
      instant = d.atStartOfDay(ZoneOffset.UTC).toInstant();
    } else if (value instanceof String s) {
      try {
        instant = instantOf(s.trim());
      } catch (DateTimeException e) {
        throw refuse(field, value, "expected an ISO-8601 date and time");
      }
    } else {
      throw refuse(field, value, "expected a date and time");
    }
    checkYear(field, value, instant.atOffset(ZoneOffset.UTC).getYear());
    return DATETIME_OUT.format(instant);
  }

  /** A datetime text; without an offset it is taken as UTC (like timestamp without time zone). */
  private static Instant instantOf(String text) {
    TemporalAccessor parsed = DATETIME_IN.parse(text);
    LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
    ZoneOffset offset =
        parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return local.toInstant(offset);
  }

  private static String time(FieldDescription field, Object value)
      throws UnconvertibleValueException {
    LocalTime time;
    if (value instanceof LocalTime t) {
      time = t;
    } else if (value instanceof String s) {
      try {
        time = LocalTime.parse(s.trim());
      } catch (DateTimeException e) {
        throw refuse(field, value, "expected a time (HH:MM:SS)");
      }
    } else {
      throw refuse(field, value, "expected a time (HH:MM:SS)");
    }
    return TIME_OUT.format(time);
  }

  private static void checkYear(FieldDescription field, Object value, int year)
      throws UnconvertibleValueException {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw refuse(field, value, "Salesforce accepts years " + MIN_YEAR + " to " + MAX_YEAR);
    }
  }

  private static UnconvertibleValueException refuse(
      FieldDescription field, Object value, String expected) {
    String shown = text(value);
    if (shown.length() > 80) {
      shown = shown.substring(0, 80) + "…";
    }
    return new UnconvertibleValueException(
        field.name(),
        field.name()
            + " is a "
            + field.type()
            + " field and cannot take the value \""
            + shown
            + "\" ("
            + value.getClass().getSimpleName()
            + "): "
            + expected);
  }
}

package io.serversidesync.runner.convert;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses Postgres' ISO text output of date, timestamp and timestamptz (DateStyle ISO, which both
 * the walsender and PgJDBC sessions use): {@code 2024-02-29}, {@code 2024-02-29 13:14:15.123456},
 * {@code 2024-02-29 13:14:15.5+02}, {@code ...+05:30}. Hand-written so no formatter or intermediate
 * string is built per value.
 */
final class TemporalText {

  private TemporalText() {}

  static LocalDate date(String s) throws UnconvertibleValueException {
    requireFinite(s);
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      throw unsupported(s, "date");
    }
    try {
      return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
    } catch (DateTimeException | NumberFormatException e) {
      throw unsupported(s, "date");
    }
  }

  static LocalDateTime timestamp(String s) throws UnconvertibleValueException {
    requireFinite(s);
    LocalDateTime value = dateTime(s, s.length());
    if (value == null) {
      throw unsupported(s, "timestamp");
    }
    return value;
  }

  static OffsetDateTime timestampTz(String s) throws UnconvertibleValueException {
    requireFinite(s);
    int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
    if (sign < 19) {
      throw unsupported(s, "timestamptz");
    }
    LocalDateTime local = dateTime(s, sign);
    if (local == null) {
      throw unsupported(s, "timestamptz");
    }
    try {
      int hours = digits(s, sign + 1, sign + 3);
      int minutes = 0;
      int seconds = 0;
      int at = sign + 3;
      if (at < s.length()) {
        if (s.charAt(at) != ':') {
          throw unsupported(s, "timestamptz");
        }
        minutes = digits(s, at + 1, at + 3);
        at += 3;
        if (at < s.length()) {
          if (s.charAt(at) != ':' || at + 3 != s.length()) {
            throw unsupported(s, "timestamptz");
          }
          seconds = digits(s, at + 1, at + 3);
        }
      }
      int total = hours * 3600 + minutes * 60 + seconds;
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(s.charAt(sign) == '-' ? -total : total);
      return OffsetDateTime.of(local, offset);
    } catch (DateTimeException | NumberFormatException | StringIndexOutOfBoundsException e) {
      throw unsupported(s, "timestamptz");
    }
  }

  /** yyyy-MM-dd HH:mm:ss[.f{1,6}] ending at {@code end}, or null when the form differs. */
  private static LocalDateTime dateTime(String s, int end) {
    if (end < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ') {
      return null;
    }
    if (s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    try {
      int nanos = 0;
      if (end > 19) {
        if (s.charAt(19) != '.' || end - 20 > 9 || end == 20) {
          return null;
        }
        nanos = digits(s, 20, end);
        for (int i = end - 20; i < 9; i++) {
          nanos *= 10;
        }
      }
      return LocalDateTime.of(
          digits(s, 0, 4),
          digits(s, 5, 7),
          digits(s, 8, 10),
          digits(s, 11, 13),
          digits(s, 14, 16),
          digits(s, 17, 19),
          nanos);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(s);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void requireFinite(String s) throws UnconvertibleValueException {
    if (s.equals("infinity") || s.equals("-infinity")) {
      throw new UnconvertibleValueException(
          s + " has no equivalent in the destination; store a real date or NULL");
    }
    if (s.endsWith(" BC")) {
      throw new UnconvertibleValueException(
          "\"" + s + "\" is before year 1; the destination accepts only AD dates");
    }
  }

  private static UnconvertibleValueException unsupported(String s, String type) {
    return new UnconvertibleValueException(
        "\"" + s + "\" is not a " + type + " the runner can convert (years 1 to 9999 only)");
  }
}

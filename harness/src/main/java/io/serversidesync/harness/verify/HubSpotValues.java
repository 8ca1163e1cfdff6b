package io.serversidesync.harness.verify;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * How HubSpot holds a Postgres value: it returns every property value as a string or null. Empty
 * text is null on both sides (an empty string clears a property); numbers are equal when
 * numerically equal ({@code "12.5"} holds 12.50); a flag is {@code "true"} or {@code "false"}; a
 * date is {@code YYYY-MM-DD}; an instant is ISO 8601 and equal when it is the same instant.
 */
public final class HubSpotValues {

  private HubSpotValues() {}

  /** Whether HubSpot holds {@code postgres}'s value as {@code hubspot}. */
  public static boolean same(Object postgres, Object hubspot) {
    String actual = hubspot == null || hubspot.toString().isEmpty() ? null : hubspot.toString();
    Object expected = postgres instanceof String t && t.isEmpty() ? null : postgres;
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    try {
      if (expected instanceof Number n) {
        return new BigDecimal(n.toString()).compareTo(new BigDecimal(actual)) == 0;
      }
      if (expected instanceof Boolean || expected instanceof LocalDate) {
        return expected.toString().equals(actual);
      }
      if (expected instanceof Instant i) {
        return i.equals(instant(actual));
      }
      if (expected instanceof OffsetDateTime t) {
        return t.toInstant().equals(instant(actual));
      }
      if (expected instanceof Timestamp t) {
        return t.toInstant().equals(instant(actual));
      }
      return Objects.equals(expected.toString(), actual);
    } catch (NumberFormatException | DateTimeParseException e) {
      return false;
    }
  }

  private static Instant instant(String text) {
    return text.chars().allMatch(Character::isDigit)
        ? Instant.ofEpochMilli(Long.parseLong(text))
        : OffsetDateTime.parse(text).toInstant();
  }
}

package io.serversidesync.runner.destination.salesforce.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110). */
public final class RetryAfter {

  private static final Duration LONGEST = Duration.ofHours(24);

  private RetryAfter() {}

  /**
   * When the server asked to be called again, measured from {@code now}; empty when the header is
   * absent or unreadable. Dates in the past mean "now"; absurd delays are capped at a day.
   */
  public static Optional<Instant> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration delay;
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        delay = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        delay = LONGEST;
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(now.plus(delay.compareTo(LONGEST) > 0 ? LONGEST : delay));
  }
}

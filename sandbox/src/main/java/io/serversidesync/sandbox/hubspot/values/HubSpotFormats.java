package io.serversidesync.sandbox.hubspot.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** HubSpot's wire forms of dates and datetimes. */
public final class HubSpotFormats {
  private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private HubSpotFormats() {}

  /** {@code 2026-12-04T11:22:33.456Z}: ISO 8601 in UTC with milliseconds. */
  public static String datetime(Instant instant) {
    return DATETIME.format(instant);
  }

  /** A datetime sent as epoch milliseconds or ISO 8601 (with offset or Z). */
  public static Optional<Instant> parseInstant(String text) {
    String t = text.trim();
    if (EPOCH_MILLIS.matcher(t).matches()) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A date sent as epoch milliseconds at midnight UTC or {@code YYYY-MM-DD}. */
  public static Optional<LocalDate> parseDate(String text) {
    String t = text.trim();
    if (EPOCH_MILLIS.matcher(t).matches()) {
      long ms = Long.parseLong(t);
      if (Math.floorMod(ms, 86_400_000L) != 0) {
        return Optional.empty();
      }
      return Optional.of(LocalDate.ofEpochDay(Math.floorDiv(ms, 86_400_000L)));
    }
    try {
      return Optional.of(LocalDate.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

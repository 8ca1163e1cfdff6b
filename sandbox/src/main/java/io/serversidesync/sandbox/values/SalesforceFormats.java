package io.serversidesync.sandbox.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Date and datetime text as Salesforce writes and reads it. */
public final class SalesforceFormats {
  /** Salesforce renders datetimes in UTC with milliseconds and a {@code +0000} offset. */
  private static final DateTimeFormatter DATETIME_OUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Accepts {@code 2026-01-01T00:00:00Z}, {@code ...00.000+0000}, {@code ...+01:00}, no offset. */
  private static final DateTimeFormatter DATETIME_IN =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private SalesforceFormats() {}

  public static String datetime(Instant instant) {
    return DATETIME_OUT.format(instant);
  }

  public static String date(LocalDate date) {
    return date.toString();
  }

  /** Parses a datetime; a value without offset is taken as UTC. Throws on anything else. */
  public static Instant parseDatetime(String text) {
    TemporalAccessor t = DATETIME_IN.parse(text.trim());
    LocalDateTime local = LocalDateTime.of(LocalDate.from(t), LocalTime.from(t));
    ZoneOffset offset =
        t.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return local.toInstant(offset);
  }

  public static boolean isDatetime(String text) {
    try {
      parseDatetime(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Parses {@code YYYY-MM-DD}; throws DateTimeParseException on anything else. */
  public static LocalDate parseDate(String text) {
    return LocalDate.parse(text.trim(), DateTimeFormatter.ISO_LOCAL_DATE);
  }
}

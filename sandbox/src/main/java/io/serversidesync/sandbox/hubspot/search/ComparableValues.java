package io.serversidesync.sandbox.hubspot.search;

import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.values.HubSpotFormats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns stored values and filter values into keys compared by the property's type: numbers as
 * numbers, datetimes as epoch milliseconds, dates as days, everything else as case-insensitive
 * text.
 */
final class ComparableValues {
  private ComparableValues() {}

  /** The key of a filter value (epoch ms or ISO 8601 for dates and datetimes). */
  static Optional<Comparable<?>> filterKey(PropertyDef def, String text) {
    String t = text.trim();
    return switch (def.type()) {
      case NUMBER -> number(t);
      case DATETIME -> datetime(t);
      case DATE -> date(t);
      default -> Optional.of(t.toLowerCase(Locale.ROOT));
    };
  }

  /** The key of a stored value (null when unset or, defensively, unreadable). */
  static Comparable<?> storedKey(PropertyDef def, String stored) {
    if (stored == null) {
      return null;
    }
    return switch (def.type()) {
      case NUMBER -> number(stored).orElse(null);
      case DATETIME -> HubSpotFormats.parseInstant(stored).map(Instant::toEpochMilli).orElse(null);
      case DATE -> HubSpotFormats.parseDate(stored).orElse(null);
      default -> stored.toLowerCase(Locale.ROOT);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Comparable<?> a, Comparable<?> b) {
    return ((Comparable) a).compareTo(b);
  }

  private static Optional<Comparable<?>> datetime(String t) {
    Optional<Instant> i = HubSpotFormats.parseInstant(t);
    return i.isPresent() ? Optional.of(i.get().toEpochMilli()) : Optional.empty();
  }

  /** A date filter value: epoch ms (any time of that UTC day), ISO 8601 or YYYY-MM-DD. */
  private static Optional<Comparable<?>> date(String t) {
    Optional<Instant> i = HubSpotFormats.parseInstant(t);
    if (i.isPresent()) {
      return Optional.of(LocalDate.ofInstant(i.get(), ZoneOffset.UTC));
    }
    Optional<LocalDate> d = HubSpotFormats.parseDate(t);
    return d.isPresent() ? Optional.of(d.get()) : Optional.empty();
  }

  private static Optional<Comparable<?>> number(String t) {
    try {
      return Optional.of(new BigDecimal(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

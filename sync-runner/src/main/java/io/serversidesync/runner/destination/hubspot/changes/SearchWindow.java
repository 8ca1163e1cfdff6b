package io.serversidesync.runner.destination.hubspot.changes;

import io.serversidesync.runner.destination.ChangeCursor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The next search of a read, and which of its hits the read may return: pure, so the paging rules
 * are tested without HubSpot.
 *
 * <p><b>Keyset paging, not HubSpot's {@code after}.</b> {@code after} is an offset into the sorted
 * results. A record modified while a read pages moves to the end (or out of a bounded window), the
 * records behind it shift one place forward, and the record at the next page's first offset is
 * never returned; the mark then passes it and the change is lost. So every search starts at offset
 * zero from a position in the data instead: the modification time of the last record returned
 * ({@code GTE}), with the hits at or before that position dropped here. As a consequence no search
 * ever pages, and HubSpot's cap of 10,000 results per query (offset + limit) cannot be reached
 * however many records changed: there is no window to narrow.
 *
 * <p><b>Order.</b> Pages are in {@link ChangeCursor#ORDER}: modification time (milliseconds), then
 * hs_object_id as a number. HubSpot sorts by one property and its order among equal times is not
 * documented, so a full page ({@code more}) is cut before its last millisecond, whose hits may be
 * incomplete; the next search starts at that millisecond and reads it whole. When a whole page
 * shares one millisecond (more records in it than a page holds), the read switches to {@link
 * Mode#ONE_MILLISECOND}: that millisecond alone, sorted by hs_object_id and keyed by {@code
 * hs_object_id GT} the last id, which pages by id with no offset and no limit on how many records
 * share the millisecond; then it goes on from the next millisecond.
 *
 * @param mode how the search filters and sorts
 * @param from the first millisecond searched (inclusive), or null from the beginning
 * @param skip hits at or before this position were returned already, or null
 */
record SearchWindow(Mode mode, Instant from, Position skip) {

  /** The property holding the record id, sorted and filtered on in {@link Mode#ONE_MILLISECOND}. */
  static final String ID_PROPERTY = "hs_object_id";

  private static final String VERSION = "hs1";

  enum Mode {
    /** {@code time GTE from}, sorted by time. */
    BY_TIME,
    /** {@code time GTE from AND time LT from + 1 ms AND id GT skip.id}, sorted by id. */
    ONE_MILLISECOND
  }

  /** A record's place in {@link ChangeCursor#ORDER}: time, then numeric id. */
  record Position(Instant at, long id) implements Comparable<Position> {
    static final Comparator<Position> ORDER =
        Comparator.comparing(Position::at).thenComparingLong(Position::id);

    @Override
    public int compareTo(Position other) {
      return ORDER.compare(this, other);
    }
  }

  /** One filter of the search's only filter group. */
  record Filter(String property, String operator, String value) {}

  /**
   * What a search answered, cut to what the read returns.
   *
   * @param records the hits to return, in {@link ChangeCursor#ORDER}
   * @param next the next search of the same read, or null when the read is complete
   */
  record Step<T>(List<T> records, SearchWindow next) {
    Step {
      records = List.copyOf(records);
    }
  }

  SearchWindow {
    if (mode == Mode.ONE_MILLISECOND && from == null) {
      throw new IllegalArgumentException("a one-millisecond window needs its millisecond");
    }
  }

  /** The first search of a read after the high-water mark. */
  static SearchWindow after(ChangeCursor mark) {
    if (mark.isStart()) {
      return new SearchWindow(Mode.BY_TIME, null, null);
    }
    Instant at = mark.modifiedAt().truncatedTo(ChronoUnit.MILLIS);
    long id;
    try {
      id = Long.parseLong(mark.nativeId());
    } catch (NumberFormatException e) {
      // not a HubSpot id (a mark saved by another destination): read that millisecond again,
      // two-way recognises records it has seen
      id = -1;
    }
    return new SearchWindow(Mode.BY_TIME, at, new Position(at, id));
  }

  /** The filters of this search on {@code timeProperty}. */
  List<Filter> filters(String timeProperty) {
    List<Filter> filters = new ArrayList<>();
    if (from != null) {
      filters.add(new Filter(timeProperty, "GTE", millis(from)));
    }
    if (mode == Mode.ONE_MILLISECOND) {
      filters.add(new Filter(timeProperty, "LT", millis(from.plusMillis(1))));
      if (skip != null) {
        filters.add(new Filter(ID_PROPERTY, "GT", Long.toString(skip.id())));
      }
    }
    return filters;
  }

  /** The property this search sorts on, ascending. */
  String sortProperty(String timeProperty) {
    return mode == Mode.ONE_MILLISECOND ? ID_PROPERTY : timeProperty;
  }

  /**
   * Cuts a search's hits to what the read returns and decides the next search.
   *
   * @param hits the search's results, in the order HubSpot returned them
   * @param position each hit's position
   * @param more whether HubSpot has more results for this search than it returned
   */
  <T> Step<T> next(List<T> hits, Function<T, Position> position, boolean more) {
    List<T> sorted = new ArrayList<>(hits);
    sorted.sort(Comparator.comparing(position));
    List<T> fresh = new ArrayList<>();
    for (T hit : sorted) {
      Position p = position.apply(hit);
      boolean inWindow =
          from == null
              || (mode == Mode.BY_TIME
                  ? !p.at().isBefore(from)
                  : p.at().equals(from)); // a record modified since no longer belongs here
      if (inWindow && (skip == null || p.compareTo(skip) > 0)) {
        fresh.add(hit);
      }
    }
    return mode == Mode.BY_TIME
        ? nextByTime(sorted, fresh, position, more)
        : nextInMillisecond(fresh, position, more);
  }

  private <T> Step<T> nextByTime(
      List<T> sorted, List<T> fresh, Function<T, Position> position, boolean more) {
    if (!more || sorted.isEmpty()) {
      return new Step<>(fresh, null);
    }
    Instant first = position.apply(sorted.get(0)).at();
    Instant last = position.apply(sorted.get(sorted.size() - 1)).at();
    if (first.equals(last)) {
      // one millisecond fills the page: HubSpot's order within it is unknown, page it by id
      Position within = skip != null && skip.at().equals(last) ? skip : null;
      return new Step<>(List.of(), new SearchWindow(Mode.ONE_MILLISECOND, last, within));
    }
    List<T> complete = fresh.stream().filter(h -> position.apply(h).at().isBefore(last)).toList();
    // the last millisecond may be cut off: the next search reads it whole, from its start
    return new Step<>(complete, new SearchWindow(Mode.BY_TIME, last, null));
  }

  private <T> Step<T> nextInMillisecond(
      List<T> fresh, Function<T, Position> position, boolean more) {
    if (!more) {
      return new Step<>(fresh, new SearchWindow(Mode.BY_TIME, from.plusMillis(1), null));
    }
    if (fresh.isEmpty()) {
      throw new IllegalStateException(
          "HubSpot's search of the records modified at "
              + from
              + " with hs_object_id after "
              + (skip == null ? "none" : skip.id())
              + " says more exist but returned none after it");
    }
    return new Step<>(
        fresh,
        new SearchWindow(Mode.ONE_MILLISECOND, from, position.apply(fresh.get(fresh.size() - 1))));
  }

  /** This search as a continuation token: {@code hs1;MODE;fromMillis;skipMillis;skipId}. */
  String encode() {
    return String.join(
        ";",
        VERSION,
        mode.name(),
        from == null ? "" : Long.toString(from.toEpochMilli()),
        skip == null ? "" : Long.toString(skip.at().toEpochMilli()),
        skip == null ? "" : Long.toString(skip.id()));
  }

  /**
   * The search a continuation token names.
   *
   * @throws IllegalArgumentException when it is not one this class wrote
   */
  static SearchWindow decode(String token) {
    String[] parts = token.split(";", -1);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw new IllegalArgumentException("not a HubSpot search continuation: " + token);
    }
    try {
      Mode mode = Mode.valueOf(parts[1]);
      Instant from = parts[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]));
      Position skip =
          parts[3].isEmpty()
              ? null
              : new Position(
                  Instant.ofEpochMilli(Long.parseLong(parts[3])), Long.parseLong(parts[4]));
      return new SearchWindow(mode, from, skip);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a HubSpot search continuation: " + token, e);
    }
  }

  private static String millis(Instant at) {
    return Long.toString(at.toEpochMilli());
  }
}

package io.serversidesync.runner.destination.hubspot.changes;

import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Filter;
import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * HubSpot search over records' (modification time, id) as the contract describes it, with ties on
 * the sort property in a random order (HubSpot's is undocumented) and the 10,000 cap on offset +
 * limit, for testing {@link SearchWindow} without a server.
 */
final class FakeSearchIndex {

  static final String TIME = "lastmodifieddate";

  private final Map<Long, Instant> modified = new LinkedHashMap<>();
  private final Random random;
  int searches;

  FakeSearchIndex(long seed) {
    this.random = new Random(seed);
  }

  void put(long id, Instant at) {
    modified.put(id, at);
  }

  /** The search's hits and whether more matched than it returned. */
  record Result(List<Position> hits, boolean more) {}

  Result search(SearchWindow window, int limit) {
    searches++;
    List<Position> matched = new ArrayList<>();
    modified.forEach(
        (id, at) -> {
          if (window.filters(TIME).stream().allMatch(f -> matches(f, id, at))) {
            matched.add(new Position(at, id));
          }
        });
    Collections.shuffle(matched, random);
    Comparator<Position> sort =
        window.sortProperty(TIME).equals(TIME)
            ? Comparator.comparing(Position::at)
            : Comparator.comparingLong(Position::id);
    matched.sort(sort); // stable: ties stay in the shuffled order
    if (limit > 200) {
      throw new IllegalArgumentException("limit > 200");
    }
    return new Result(
        List.copyOf(matched.subList(0, Math.min(limit, matched.size()))), matched.size() > limit);
  }

  private static boolean matches(Filter f, long id, Instant at) {
    long value = Long.parseLong(f.value());
    long actual =
        switch (f.property()) {
          case TIME -> at.toEpochMilli();
          case SearchWindow.ID_PROPERTY -> id;
          default -> throw new IllegalArgumentException(f.property());
        };
    return switch (f.operator()) {
      case "GTE" -> actual >= value;
      case "GT" -> actual > value;
      case "LT" -> actual < value;
      default -> throw new IllegalArgumentException(f.operator());
    };
  }
}

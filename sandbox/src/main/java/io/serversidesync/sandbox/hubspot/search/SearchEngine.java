package io.serversidesync.sandbox.hubspot.search;

import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs a search over a snapshot of records. Records tying on every sort key are ordered by
 * hs_object_id ascending (our choice; HubSpot's tie order is undocumented). Unset values sort last
 * in either direction.
 */
public final class SearchEngine {
  private SearchEngine() {}

  public static SearchPage run(List<HubSpotRecord> records, SearchRequest request) {
    List<HubSpotRecord> matches =
        records.stream().filter(r -> matches(r, request)).sorted(order(request)).toList();
    int from = Math.min(request.after(), matches.size());
    int to = Math.min(from + request.limit(), matches.size());
    OptionalInt next = to < matches.size() ? OptionalInt.of(to) : OptionalInt.empty();
    return new SearchPage(matches.size(), matches.subList(from, to), next);
  }

  private static boolean matches(HubSpotRecord r, SearchRequest request) {
    if (request.groups().isEmpty()) {
      return true;
    }
    return request.groups().stream().anyMatch(g -> g.stream().allMatch(f -> f.matches(r)));
  }

  private static Comparator<HubSpotRecord> order(SearchRequest request) {
    Comparator<HubSpotRecord> c = (a, b) -> 0;
    for (Sort s : request.sorts()) {
      c = c.thenComparing(by(s));
    }
    return c.thenComparingLong(HubSpotRecord::id);
  }

  private static Comparator<HubSpotRecord> by(Sort s) {
    return (a, b) -> {
      Comparable<?> ka = ComparableValues.storedKey(s.property(), a.value(s.property().name()));
      Comparable<?> kb = ComparableValues.storedKey(s.property(), b.value(s.property().name()));
      if (ka == null || kb == null) {
        return ka == null ? (kb == null ? 0 : 1) : -1;
      }
      int c = ComparableValues.compare(ka, kb);
      return s.ascending() ? c : -c;
    };
  }
}

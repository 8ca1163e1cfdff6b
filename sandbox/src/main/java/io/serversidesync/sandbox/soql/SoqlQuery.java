package io.serversidesync.sandbox.soql;

import io.serversidesync.sandbox.schema.ObjectDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A parsed query of the supported subset.
 *
 * @param object the FROM object
 * @param select the selected fields in SELECT order, parent fields included (empty for COUNT())
 * @param countOnly {@code SELECT COUNT()}
 * @param where the filter (always true without WHERE)
 * @param order the ORDER BY comparator, or null for creation order
 * @param limit LIMIT, if any
 * @param offset OFFSET (0 without)
 */
public record SoqlQuery(
    ObjectDef object,
    List<SelectItem> select,
    boolean countOnly,
    Predicate<Map<String, Object>> where,
    Comparator<Map<String, Object>> order,
    OptionalInt limit,
    int offset) {

  /** Filters, sorts and cuts the records (copies of stored values, in creation order). */
  public List<Map<String, Object>> run(List<Map<String, Object>> records) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : records) {
      if (where.test(r)) {
        out.add(r);
      }
    }
    if (order != null) {
      out.sort(order);
    }
    int from = Math.min(offset, out.size());
    int to = limit.isPresent() ? Math.min(out.size(), from + limit.getAsInt()) : out.size();
    return new ArrayList<>(out.subList(from, to));
  }
}

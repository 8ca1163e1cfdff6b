package io.serversidesync.sandbox.soql;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of a query's answer: the record's values and, for each relationship the query selects
 * through, the parent's values (null when the lookup is empty).
 */
public record QueryRow(Map<String, Object> values, Map<String, Map<String, Object>> parents) {
  public QueryRow {
    // HashMap, not Map.copyOf: a row without parent keeps its relationship with a null value.
    parents = Collections.unmodifiableMap(new HashMap<>(parents));
  }
}

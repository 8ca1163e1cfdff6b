package io.serversidesync.sandbox.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record in the store: field API name to typed value. Mutated only under its object store's
 * lock; readers outside the lock get copies.
 */
public final class StoredRecord {
  private final String id;
  private final Map<String, Object> values;

  StoredRecord(String id, Map<String, Object> values) {
    this.id = id;
    this.values = values;
  }

  public String id() {
    return id;
  }

  public Object get(String field) {
    return values.get(field);
  }

  Map<String, Object> values() {
    return values;
  }

  /** A detached copy of the values. */
  public Map<String, Object> copyValues() {
    return new LinkedHashMap<>(values);
  }
}

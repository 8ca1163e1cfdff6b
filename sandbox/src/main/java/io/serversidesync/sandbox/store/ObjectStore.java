package io.serversidesync.sandbox.store;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The records of one object with indexes on its unique and external-id fields. Every read and write
 * runs inside {@link #locked}: one writer at a time per object, which is what makes a collection
 * request atomic (allOrNone) and concurrent upserts of one key safe.
 */
public final class ObjectStore {
  private final ObjectDef object;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, StoredRecord> records = new LinkedHashMap<>();
  private final Map<String, Instant> deleted = new LinkedHashMap<>();
  private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

  ObjectStore(ObjectDef object) {
    this.object = object;
    for (FieldDef f : object.indexedFields()) {
      indexes.put(f.name(), new HashMap<>());
    }
  }

  public ObjectDef object() {
    return object;
  }

  public <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void checkLocked() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("object store accessed outside its lock");
    }
  }

  /** Records whose indexed field equals the value (case rules of the field apply). */
  public List<StoredRecord> findBy(FieldDef field, Object value) {
    checkLocked();
    Map<String, Set<String>> index = indexes.get(field.name());
    if (index == null) {
      throw new IllegalArgumentException(field.name() + " is not indexed");
    }
    Set<String> ids = index.get(field.indexKey(value));
    if (ids == null) {
      return List.of();
    }
    List<StoredRecord> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(records.get(id));
    }
    return out;
  }

  public Optional<StoredRecord> get(String id) {
    checkLocked();
    return Optional.ofNullable(records.get(id));
  }

  public Optional<Instant> deletedAt(String id) {
    checkLocked();
    return Optional.ofNullable(deleted.get(id));
  }

  public StoredRecord insert(String id, Map<String, Object> values) {
    checkLocked();
    StoredRecord r = new StoredRecord(id, new LinkedHashMap<>(values));
    records.put(id, r);
    index(r);
    return r;
  }

  /** Replaces all values of a record. */
  public void replace(StoredRecord r, Map<String, Object> values) {
    checkLocked();
    unindex(r);
    r.values().clear();
    r.values().putAll(values);
    index(r);
  }

  public void delete(StoredRecord r, Instant when) {
    checkLocked();
    unindex(r);
    records.remove(r.id());
    deleted.put(r.id(), when);
  }

  /** Undoes an insert (allOrNone rollback): the record never existed. */
  public void discard(StoredRecord r) {
    checkLocked();
    unindex(r);
    records.remove(r.id());
  }

  /** Undoes a delete (allOrNone rollback). */
  public void undelete(StoredRecord r) {
    checkLocked();
    deleted.remove(r.id());
    records.put(r.id(), r);
    index(r);
  }

  /** Copies of all live records in creation order. */
  public List<Map<String, Object>> snapshot() {
    checkLocked();
    List<Map<String, Object>> out = new ArrayList<>(records.size());
    for (StoredRecord r : records.values()) {
      out.add(r.copyValues());
    }
    return out;
  }

  /** The live records themselves, in creation order, for a change made under the lock. */
  public List<StoredRecord> all() {
    checkLocked();
    return new ArrayList<>(records.values());
  }

  /** Deleted ids with their deletion time. */
  public Map<String, Instant> deletedRecords() {
    checkLocked();
    return new LinkedHashMap<>(deleted);
  }

  public int size() {
    checkLocked();
    return records.size();
  }

  void clear() {
    checkLocked();
    records.clear();
    deleted.clear();
    indexes.values().forEach(Map::clear);
  }

  private void index(StoredRecord r) {
    for (Map.Entry<String, Map<String, Set<String>>> e : indexes.entrySet()) {
      Object v = r.get(e.getKey());
      if (v != null) {
        FieldDef f = object.field(e.getKey()).orElseThrow();
        e.getValue().computeIfAbsent(f.indexKey(v), k -> new LinkedHashSet<>()).add(r.id());
      }
    }
  }

  private void unindex(StoredRecord r) {
    for (Map.Entry<String, Map<String, Set<String>>> e : indexes.entrySet()) {
      Object v = r.get(e.getKey());
      if (v != null) {
        FieldDef f = object.field(e.getKey()).orElseThrow();
        String key = f.indexKey(v);
        Set<String> ids = e.getValue().get(key);
        if (ids != null) {
          ids.remove(r.id());
          if (ids.isEmpty()) {
            e.getValue().remove(key);
          }
        }
      }
    }
  }
}

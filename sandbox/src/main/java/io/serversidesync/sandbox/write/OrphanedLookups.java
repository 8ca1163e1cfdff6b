package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.StoredRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Deleting a record clears the lookups that point to it, as Salesforce does for lookups without
 * cascade delete (the only kind the sandbox models); so a delete also locks the objects holding
 * such lookups. The children's audit fields are left alone: the parent's delete is the change, not
 * an edit of each child.
 */
final class OrphanedLookups {
  private final RecordStore store;

  OrphanedLookups(RecordStore store) {
    this.store = store;
  }

  /**
   * Runs a delete holding the locks of the stores it deletes from and of those whose lookups may
   * point to them, taken in one global order (by object name) so that two deletes never wait for
   * each other. Writes of single objects hold one lock at a time, so they cannot close a cycle.
   */
  <T> T lockedForDelete(Collection<ObjectStore> deleting, Supplier<T> action) {
    Map<String, ObjectStore> all = new TreeMap<>();
    deleting.forEach(s -> all.put(s.object().name(), s));
    referencing(deleting.stream().map(ObjectStore::object).toList())
        .forEach(s -> all.put(s.object().name(), s));
    return withLocks(new ArrayList<>(all.values()), 0, action);
  }

  private static <T> T withLocks(List<ObjectStore> stores, int from, Supplier<T> action) {
    if (from == stores.size()) {
      return action.get();
    }
    return stores.get(from).locked(() -> withLocks(stores, from + 1, action));
  }

  /** The stores holding lookups that may point to records of the given objects. */
  private List<ObjectStore> referencing(Collection<ObjectDef> parents) {
    List<ObjectStore> out = new ArrayList<>();
    for (ObjectDef child : store.schema().objects()) {
      if (!lookupsTo(child, parents).isEmpty()) {
        out.add(store.store(child));
      }
    }
    return out;
  }

  /**
   * Sets to null every lookup holding one of the deleted ids; runs inside {@link #lockedForDelete}
   * of these parents.
   */
  void clear(Collection<ObjectDef> parents, Set<String> deletedIds) {
    if (deletedIds.isEmpty()) {
      return;
    }
    for (ObjectStore os : referencing(parents)) {
      List<FieldDef> lookups = lookupsTo(os.object(), parents);
      for (StoredRecord r : os.all()) {
        Map<String, Object> values = null;
        for (FieldDef lookup : lookups) {
          Object id = r.get(lookup.name());
          if (id != null && deletedIds.contains(id)) {
            values = values == null ? r.copyValues() : values;
            values.put(lookup.name(), null);
          }
        }
        if (values != null) {
          os.replace(r, values);
        }
      }
    }
  }

  private static List<FieldDef> lookupsTo(ObjectDef child, Collection<ObjectDef> parents) {
    return child.fields().stream()
        .filter(f -> f.type() == FieldType.REFERENCE && !f.system())
        .filter(f -> parents.stream().anyMatch(p -> f.target(p.name()).isPresent()))
        .toList();
  }
}

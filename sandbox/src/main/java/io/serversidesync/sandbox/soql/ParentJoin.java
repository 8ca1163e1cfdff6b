package io.serversidesync.sandbox.soql;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the parents a query selects through ({@code Account.Account_Ref__c}) to its rows. Each
 * parent object is read under its own lock after the queried object's lock was released, so a query
 * never holds two locks at once.
 */
public final class ParentJoin {
  private ParentJoin() {}

  public static List<QueryRow> join(
      SoqlQuery query, List<Map<String, Object>> rows, RecordStore store) {
    Map<FieldDef, SelectItem.ParentColumn> relationships = new LinkedHashMap<>();
    for (SelectItem item : query.select()) {
      if (item instanceof SelectItem.ParentColumn p) {
        relationships.putIfAbsent(p.lookup(), p);
      }
    }
    Map<FieldDef, Map<String, Map<String, Object>>> parentsByLookup = new HashMap<>();
    for (SelectItem.ParentColumn p : relationships.values()) {
      Set<String> ids = new HashSet<>();
      for (Map<String, Object> row : rows) {
        if (row.get(p.lookup().name()) instanceof String id) {
          ids.add(id);
        }
      }
      parentsByLookup.put(p.lookup(), read(store.store(p.parent()), ids));
    }
    List<QueryRow> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Map<String, Object>> parents = new HashMap<>();
      for (SelectItem.ParentColumn p : relationships.values()) {
        Object id = row.get(p.lookup().name());
        parents.put(p.relationshipName(), parentsByLookup.get(p.lookup()).get(id));
      }
      out.add(new QueryRow(row, parents));
    }
    return out;
  }

  private static Map<String, Map<String, Object>> read(ObjectStore os, Set<String> ids) {
    return os.locked(
        () -> {
          Map<String, Map<String, Object>> found = new HashMap<>();
          for (String id : ids) {
            os.get(id).map(StoredRecord::copyValues).ifPresent(v -> found.put(id, v));
          }
          return found;
        });
  }
}

package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.StoredRecord;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Inserts or updates one record under its object's lock: validation, unique checks, system fields;
 * each write pushes how to undo it, for allOrNone rollback.
 */
final class RecordWriter {
  private final RecordStore store;
  private final RecordValidator validator;
  private final String userId;

  RecordWriter(RecordStore store, String userId) {
    this.store = store;
    this.validator = new RecordValidator(store.schema());
    this.userId = userId;
  }

  SaveResult insert(ObjectStore os, RecordInput in, Instant now, Deque<Runnable> undo) {
    ObjectDef object = os.object();
    Map<String, Object> values = new LinkedHashMap<>();
    Optional<RecordError> error = validator.validate(object, in, null, values);
    if (error.isPresent()) {
      return SaveResult.failed(null, error.get());
    }
    Optional<RecordError> clash = uniqueClash(os, values, null);
    if (clash.isPresent()) {
      return SaveResult.failed(null, clash.get());
    }
    String id = store.nextId(object.keyPrefix());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put(Fields.ID, id);
    record.put(Fields.IS_DELETED, Boolean.FALSE);
    record.put(Fields.CREATED_DATE, now);
    record.put(Fields.CREATED_BY_ID, userId);
    record.put(Fields.LAST_MODIFIED_DATE, now);
    record.put(Fields.LAST_MODIFIED_BY_ID, userId);
    record.put(Fields.SYSTEM_MODSTAMP, now);
    for (FieldDef f : object.fields()) {
      if (!f.system()) {
        Object v = values.get(f.name());
        if (v == null && f.type() == FieldType.BOOLEAN) {
          v = Boolean.FALSE;
        }
        record.put(f.name(), v);
      }
    }
    StoredRecord r = os.insert(id, record);
    undo.push(() -> os.discard(r));
    return SaveResult.ok(id, true);
  }

  SaveResult update(
      ObjectStore os, StoredRecord r, RecordInput in, Instant now, Deque<Runnable> undo) {
    Map<String, Object> before = r.copyValues();
    Map<String, Object> changes = new LinkedHashMap<>();
    Optional<RecordError> error = validator.validate(os.object(), in, before, changes);
    if (error.isPresent()) {
      return SaveResult.failed(r.id(), error.get());
    }
    Optional<RecordError> clash = uniqueClash(os, changes, r.id());
    if (clash.isPresent()) {
      return SaveResult.failed(r.id(), clash.get());
    }
    Map<String, Object> after = new LinkedHashMap<>(before);
    after.putAll(changes);
    after.put(Fields.LAST_MODIFIED_DATE, now);
    after.put(Fields.LAST_MODIFIED_BY_ID, userId);
    after.put(Fields.SYSTEM_MODSTAMP, now);
    os.replace(r, after);
    undo.push(() -> os.replace(r, before));
    return SaveResult.ok(r.id(), false);
  }

  private static Optional<RecordError> uniqueClash(
      ObjectStore os, Map<String, Object> values, String selfId) {
    for (FieldDef f : os.object().indexedFields()) {
      if (!f.unique()) {
        continue;
      }
      Object v = values.get(f.name());
      if (v == null) {
        continue;
      }
      for (StoredRecord other : os.findBy(f, v)) {
        if (!other.id().equals(selfId)) {
          return Optional.of(
              RecordError.of(
                  "DUPLICATE_VALUE",
                  "duplicate value found: "
                      + f.name()
                      + " duplicates value on record with id: "
                      + other.id()));
        }
      }
    }
    return Optional.empty();
  }
}

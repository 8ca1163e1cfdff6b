package io.serversidesync.sandbox.write;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SalesforceId;
import io.serversidesync.sandbox.store.StoredRecord;
import io.serversidesync.sandbox.values.IncomingValues;
import io.serversidesync.sandbox.values.ValueMismatchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the lookups a record sets by a parent's external id into the parent's Id, or fails the
 * record with Salesforce's INVALID_FIELD messages. It runs before the record's own object is locked
 * and takes each parent's lock on its own, so no thread ever waits for one object's lock while
 * holding another's; a parent must therefore exist before the request (or Bulk job) that names it,
 * as on Salesforce.
 */
final class ParentResolver {
  private static final String INVALID_FIELD = "INVALID_FIELD";

  private final RecordStore store;

  ParentResolver(RecordStore store) {
    this.store = store;
  }

  List<RecordInput> resolveAll(List<RecordInput> inputs) {
    return inputs.stream().map(this::resolve).toList();
  }

  /** The record with every parent reference replaced by the parent's Id, or failed. */
  RecordInput resolve(RecordInput in) {
    if (in.parents().isEmpty() || in.conversionError().isPresent()) {
      return in;
    }
    Map<FieldDef, Object> values = new LinkedHashMap<>(in.values());
    for (ParentReference ref : in.parents().values()) {
      Resolved r = resolve(ref, in.has(ref.lookup()));
      if (r.error() != null) {
        return RecordInput.failed(r.error());
      }
      values.put(ref.lookup(), r.parentId());
    }
    return RecordInput.of(values);
  }

  /** The parent's Id, or the error. */
  private record Resolved(String parentId, RecordError error) {
    static Resolved failed(String message, String... fields) {
      return new Resolved(null, RecordError.of(INVALID_FIELD, message, fields));
    }
  }

  private Resolved resolve(ParentReference ref, boolean idAlsoGiven) {
    String rel = ref.relationshipName();
    FieldDef lookup = ref.lookup();
    if (!ref.nested()) {
      return Resolved.failed(
          "The value provided for foreign key reference " + rel + " is not a nested SObject", rel);
    }
    if (idAlsoGiven) {
      return Resolved.failed(
          "Cannot specify both an external ID reference "
              + rel
              + " and a salesforce id, "
              + lookup.name(),
          lookup.name());
    }
    String targetName;
    if (ref.type().isPresent()) {
      Optional<String> named = lookup.target(ref.type().get());
      if (named.isEmpty()) {
        return Resolved.failed(
            "The type "
                + ref.type().get()
                + " is not one the foreign key reference "
                + rel
                + " can point to: "
                + String.join(", ", lookup.referenceTo()),
            rel);
      }
      targetName = named.get();
    } else if (lookup.polymorphic()) {
      return Resolved.failed(
          "The foreign key reference "
              + rel
              + " is polymorphic: name the parent's type in attributes.type, one of "
              + String.join(", ", lookup.referenceTo()),
          rel);
    } else {
      targetName = lookup.referenceTo().get(0);
    }
    Optional<ObjectDef> target = store.schema().object(targetName);
    if (target.isEmpty()) {
      return Resolved.failed(
          "The sandbox declares no object "
              + targetName
              + ", so the foreign key reference "
              + rel
              + " cannot be resolved",
          rel);
    }
    return find(ref, target.get());
  }

  private Resolved find(ParentReference ref, ObjectDef target) {
    String rel = ref.relationshipName();
    if (ref.keyFields().size() != 1) {
      return Resolved.failed(
          (ref.keyFields().isEmpty() ? "No field" : "More than 1 field")
              + " provided in an external foreign key reference in entity: "
              + target.name(),
          rel);
    }
    String name = ref.keyFields().get(0);
    Optional<FieldDef> keyField = target.field(name);
    if (keyField.isEmpty()) {
      return Resolved.failed(
          "No such column '" + name + "' on sobject of type " + target.name(), rel);
    }
    FieldDef key = keyField.get();
    if (!key.idLookup()) {
      return Resolved.failed(
          "Field name provided, "
              + key.name()
              + " is not an External ID or indexed field for "
              + target.name(),
          rel);
    }
    List<String> ids = matches(store.store(target), key, ref.keyText());
    if (ids.isEmpty()) {
      // Observed with an empty fields list, in REST and in Bulk's sf__Error.
      return Resolved.failed(
          "Foreign key external ID: "
              + ref.keyText()
              + " not found for field "
              + key.name()
              + " in entity "
              + target.name());
    }
    if (ids.size() > 1) {
      // No sample of Salesforce's answer exists; this is the top-level upsert's wording.
      return new Resolved(
          null,
          RecordError.of(
              "DUPLICATE_EXTERNAL_ID",
              key.label() + ": more than one record found for external id field: " + ids,
              rel));
    }
    return new Resolved(ids.get(0), null);
  }

  /** The Ids of the target's records whose key field matches, by that field's matching rules. */
  private static List<String> matches(ObjectStore os, FieldDef key, String keyText) {
    if (keyText == null || keyText.isEmpty()) {
      return List.of();
    }
    if (key.name().equals(Fields.ID)) {
      return SalesforceId.canonical(keyText)
          .flatMap(id -> os.locked(() -> os.get(id)))
          .map(r -> List.of(r.id()))
          .orElse(List.of());
    }
    Object value;
    try {
      value = IncomingValues.fromText(key, keyText);
    } catch (ValueMismatchException e) {
      // A key that cannot be a value of the field matches no record.
      return List.of();
    }
    return os.locked(() -> os.findBy(key, value).stream().map(StoredRecord::id).toList());
  }
}

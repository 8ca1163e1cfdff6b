package io.serversidesync.sandbox.bulk;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CSV header into columns: field names, and {@code [Type:]Relationship.Field} for lookups
 * set by the parent's key (type first, and only on polymorphic lookups). A header Salesforce would
 * refuse fails the whole job with its {@code InvalidBatch : …} message.
 */
final class CsvHeader {
  private CsvHeader() {}

  /** The columns, or the job's error message. */
  record Resolved(List<CsvColumn> columns, String error) {}

  static Resolved resolve(Schema schema, ObjectDef object, String[] header) {
    List<CsvColumn> columns = new ArrayList<>(header.length);
    for (String raw : header) {
      String name = raw.trim();
      Optional<FieldDef> field = object.field(name);
      if (field.isPresent()) {
        columns.add(new CsvColumn.Field(field.get()));
        continue;
      }
      if (!name.contains(".")) {
        return failed("Field name not found : " + name);
      }
      Resolved parent = parentColumn(schema, object, name);
      if (parent.error() != null) {
        return parent;
      }
      columns.addAll(parent.columns());
    }
    return new Resolved(columns, null);
  }

  private static Resolved parentColumn(Schema schema, ObjectDef object, String name) {
    int colon = name.indexOf(':');
    Optional<String> type = colon < 0 ? Optional.empty() : Optional.of(name.substring(0, colon));
    String[] path = name.substring(colon + 1).split("\\.", -1);
    if (path.length != 2) {
      // Child to parent only, one level: no grandparents.
      return failed("Field name not found : " + name);
    }
    String rel = path[0];
    Optional<FieldDef> lookup = object.relationship(rel);
    if (lookup.isEmpty()) {
      return failed("Unable to find relationship: " + rel);
    }
    FieldDef l = lookup.get();
    String targets = String.join(", ", l.referenceTo());
    String target;
    if (!l.polymorphic()) {
      if (type.isPresent()) {
        return failed("type is not needed for non polymorphic foreign key references: " + rel);
      }
      target = l.referenceTo().get(0);
    } else if (type.isEmpty()) {
      // Documented as an error; no sample of the message exists.
      return failed(
          "type is needed for polymorphic foreign key references: "
              + rel
              + " (write Type:"
              + rel
              + "."
              + path[1]
              + " with Type one of "
              + targets
              + ")");
    } else {
      Optional<String> named = l.target(type.get());
      if (named.isEmpty()) {
        return failed(
            type.get()
                + " is not a type the polymorphic foreign key reference "
                + rel
                + " can point to: "
                + targets);
      }
      target = named.get();
    }
    Optional<ObjectDef> parent = schema.object(target);
    if (parent.isEmpty()) {
      return failed("The sandbox declares no object " + target + " for the relationship " + rel);
    }
    Optional<FieldDef> key = parent.get().field(path[1]);
    if (key.isEmpty()) {
      return failed("Field name not found : " + name);
    }
    if (!key.get().idLookup()) {
      return failed(
          "Field name provided, "
              + key.get().name()
              + " is not an External ID or indexed field for "
              + parent.get().name());
    }
    return new Resolved(List.of(new CsvColumn.Parent(l, parent.get().name(), key.get())), null);
  }

  private static Resolved failed(String message) {
    return new Resolved(List.of(), "InvalidBatch : " + message);
  }
}

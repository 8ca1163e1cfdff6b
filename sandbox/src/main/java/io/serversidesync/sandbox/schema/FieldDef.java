package io.serversidesync.sandbox.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One declared field of an object.
 *
 * @param name API name, e.g. {@code LastName}
 * @param label label used in error messages, e.g. {@code Last Name}
 * @param type field type
 * @param length maximum length of text fields (0 for other types)
 * @param precision total digits of number fields (0 for other types)
 * @param scale digits after the decimal point of number fields
 * @param required value needed on create (describe: not nillable, createable, not defaulted)
 * @param externalId usable as upsert key
 * @param unique no two records share a value
 * @param caseSensitive whether uniqueness and external-id matching distinguish case
 * @param createable settable on create
 * @param updateable settable on update
 * @param custom a custom field (API name ends with {@code __c})
 * @param referenceTo the objects a reference field may point to (empty for other types; more than
 *     one makes the lookup polymorphic, as Task.WhoId)
 * @param system one of the fields Salesforce maintains itself (Id, CreatedDate, ...)
 */
public record FieldDef(
    String name,
    String label,
    FieldType type,
    int length,
    int precision,
    int scale,
    boolean required,
    boolean externalId,
    boolean unique,
    boolean caseSensitive,
    boolean createable,
    boolean updateable,
    boolean custom,
    List<String> referenceTo,
    boolean system) {

  public FieldDef {
    if (type.isText() && length <= 0) {
      throw new IllegalArgumentException("text field " + name + " needs a length > 0");
    }
    referenceTo = List.copyOf(referenceTo);
  }

  /** Whether the lookup may point to several object types, so a value must say which. */
  public boolean polymorphic() {
    return referenceTo.size() > 1;
  }

  /** The target among referenceTo that the type names (case-insensitive), as declared. */
  public Optional<String> target(String type) {
    return referenceTo.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst();
  }

  /**
   * The name a write uses to set the lookup by the parent's external id and a query uses to reach
   * the parent: standard lookups drop the trailing {@code Id} (AccountId → Account), custom ones
   * swap {@code __c} for {@code __r}. Empty for other fields, and for a lookup whose name follows
   * neither pattern (describe's null: not usable by external id).
   */
  public Optional<String> relationshipName() {
    if (type != FieldType.REFERENCE || referenceTo.isEmpty()) {
      return Optional.empty();
    }
    if (name.endsWith("__c")) {
      return Optional.of(name.substring(0, name.length() - 3) + "__r");
    }
    if (name.endsWith("Id") && name.length() > 2) {
      return Optional.of(name.substring(0, name.length() - 2));
    }
    return Optional.empty();
  }

  /** Salesforce's describe: booleans are never nillable, required fields neither. */
  public boolean nillable() {
    return !required && type != FieldType.BOOLEAN && !system;
  }

  public boolean idLookup() {
    return type == FieldType.ID || externalId || (unique && type.isText());
  }

  /** The key under which a value is indexed for uniqueness and external-id matching. */
  public String indexKey(Object value) {
    String text = String.valueOf(value);
    if (type.isNumber()) {
      // Numeric external ids match by value: 12, "12" and 12.0 are one key.
      try {
        return new java.math.BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
  }
}

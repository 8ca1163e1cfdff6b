package io.serversidesync.sandbox.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A declared sObject type: its name, key prefix and fields (system fields included). */
public final class ObjectDef {
  private final String name;
  private final String label;
  private final String labelPlural;
  private final String keyPrefix;
  private final boolean custom;
  private final List<FieldDef> fields;
  private final Map<String, FieldDef> byLowerName;
  private final Map<String, FieldDef> byLowerRelationship;

  public ObjectDef(
      String name, String label, String labelPlural, String keyPrefix, List<FieldDef> fields) {
    if (keyPrefix == null || keyPrefix.length() != 3) {
      throw new IllegalArgumentException(
          "object " + name + " needs a 3-character keyPrefix, got '" + keyPrefix + "'");
    }
    this.name = name;
    this.label = label;
    this.labelPlural = labelPlural;
    this.keyPrefix = keyPrefix;
    this.custom = name.endsWith("__c");
    Map<String, FieldDef> map = new LinkedHashMap<>();
    for (FieldDef f : fields) {
      if (map.put(f.name().toLowerCase(Locale.ROOT), f) != null) {
        throw new IllegalArgumentException(
            "object " + name + " declares field " + f.name() + " twice");
      }
    }
    Map<String, FieldDef> relationships = new LinkedHashMap<>();
    for (FieldDef f : fields) {
      if (f.relationshipName().isEmpty()) {
        continue;
      }
      String rel = f.relationshipName().get();
      // A write key or query path must name either a field or a relationship, never both.
      if (map.containsKey(rel.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "object "
                + name
                + ": the relationship name "
                + rel
                + " of lookup "
                + f.name()
                + " is also the name of a field");
      }
      relationships.put(rel.toLowerCase(Locale.ROOT), f);
    }
    this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    this.byLowerName = Collections.unmodifiableMap(map);
    this.byLowerRelationship = Collections.unmodifiableMap(relationships);
  }

  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public String labelPlural() {
    return labelPlural;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public boolean custom() {
    return custom;
  }

  public List<FieldDef> fields() {
    return fields;
  }

  /** Field lookup by API name, case-insensitive as Salesforce's is. */
  public Optional<FieldDef> field(String apiName) {
    return Optional.ofNullable(byLowerName.get(apiName.toLowerCase(Locale.ROOT)));
  }

  /** The lookup whose relationship name this is (Account → AccountId), case-insensitive. */
  public Optional<FieldDef> relationship(String relationshipName) {
    return Optional.ofNullable(byLowerRelationship.get(relationshipName.toLowerCase(Locale.ROOT)));
  }

  /** Fields whose values are indexed: unique fields and external ids (upsert keys). */
  public List<FieldDef> indexedFields() {
    return fields.stream().filter(f -> f.unique() || f.externalId()).toList();
  }

  public List<FieldDef> requiredFields() {
    return fields.stream().filter(FieldDef::required).toList();
  }
}

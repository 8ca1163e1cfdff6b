package io.serversidesync.sandbox.hubspot.schema;

import java.util.List;

/**
 * A property of a HubSpot object.
 *
 * @param name internal name (what the API takes)
 * @param label display label
 * @param type value type
 * @param hasUniqueValue whether no two records may share a value (usable as {@code idProperty})
 * @param readOnly whether the API refuses to write it
 * @param options allowed values of an enumeration (empty for other types)
 */
public record PropertyDef(
    String name,
    String label,
    PropertyType type,
    boolean hasUniqueValue,
    boolean readOnly,
    List<PropertyOption> options) {

  public PropertyDef {
    options = List.copyOf(options);
  }

  public static PropertyDef of(String name, String label, PropertyType type) {
    return new PropertyDef(name, label, type, false, false, List.of());
  }

  public static PropertyDef unique(String name, String label) {
    return new PropertyDef(name, label, PropertyType.STRING, true, false, List.of());
  }

  public static PropertyDef readOnly(String name, String label, PropertyType type) {
    return new PropertyDef(name, label, type, false, true, List.of());
  }

  public static PropertyDef enumeration(String name, String label, List<PropertyOption> options) {
    return new PropertyDef(name, label, PropertyType.ENUMERATION, false, false, options);
  }

  public boolean allows(String optionValue) {
    return options.stream().anyMatch(o -> o.value().equals(optionValue));
  }
}

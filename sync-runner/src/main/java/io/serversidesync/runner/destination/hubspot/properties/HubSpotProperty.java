package io.serversidesync.runner.destination.hubspot.properties;

import java.util.List;

/**
 * One property of an object type, as the properties API describes it.
 *
 * @param name the internal name, e.g. customer_ref
 * @param type its type
 * @param rawType the type as HubSpot spells it, for messages
 * @param uniqueValues whether HubSpot enforces unique values ({@code hasUniqueValue}): only such a
 *     property can be an upsert's idProperty
 * @param readOnly whether integrations cannot write it ({@code modificationMetadata.readOnlyValue})
 * @param options for enumerations, the allowed values
 */
public record HubSpotProperty(
    String name,
    PropertyType type,
    String rawType,
    boolean uniqueValues,
    boolean readOnly,
    List<String> options) {

  public HubSpotProperty {
    options = List.copyOf(options);
  }
}

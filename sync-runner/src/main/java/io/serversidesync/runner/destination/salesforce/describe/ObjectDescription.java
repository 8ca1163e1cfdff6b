package io.serversidesync.runner.destination.salesforce.describe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The describe of one object. API names are case-insensitive in Salesforce, so lookups are too.
 *
 * @param name the object's API name as Salesforce spells it
 * @param fields its fields, keyed by lower-case API name
 */
public record ObjectDescription(String name, Map<String, FieldDescription> fields) {

  public ObjectDescription {
    fields = Map.copyOf(fields);
  }

  public static ObjectDescription of(String name, Collection<FieldDescription> fields) {
    Map<String, FieldDescription> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.name().toLowerCase(Locale.ROOT), f));
    return new ObjectDescription(name, byName);
  }

  public Optional<FieldDescription> field(String apiName) {
    return Optional.ofNullable(fields.get(apiName.toLowerCase(Locale.ROOT)));
  }

  /** The field, or a description that lets any value through as text. */
  public FieldDescription fieldOrUnknown(String apiName) {
    return field(apiName).orElseGet(() -> FieldDescription.unknown(apiName));
  }
}

package io.serversidesync.runner.destination.hubspot.properties;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.Spelling;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the manifest fits the object's properties: every mapped property exists (with "did you
 * mean" for a misspelling) and may be written, and the identifier's property has unique values,
 * which HubSpot requires of an upsert's idProperty. Every problem is listed at once.
 */
public final class PropertyChecks {

  private PropertyChecks() {}

  /**
   * @param uniqueProperty spec.destination.externalIdField
   * @param mapped the mapped properties with their spec paths
   * @throws DestinationException CONFIGURATION listing every problem
   */
  public static void check(
      ObjectProperties properties, String uniqueProperty, List<MappedProperty> mapped)
      throws DestinationException {
    List<String> problems = new ArrayList<>();
    properties
        .property(uniqueProperty)
        .ifPresentOrElse(
            p -> {
              if (!p.uniqueValues()) {
                problems.add(
                    "spec.destination.externalIdField: property "
                        + uniqueProperty
                        + " of "
                        + properties.objectType()
                        + " has no unique values; HubSpot upserts only by a property with unique"
                        + " values: create one with \"Require unique values for this property\""
                        + " (or hasUniqueValue: true through the properties API) and map the"
                        + " identifier to it");
              }
            },
            () ->
                problems.add(
                    missing("spec.destination.externalIdField", properties, uniqueProperty)));
    for (MappedProperty m : mapped) {
      if (m.name().equals(uniqueProperty)) {
        continue;
      }
      properties
          .property(m.name())
          .ifPresentOrElse(
              p -> {
                if (p.readOnly()) {
                  problems.add(
                      m.specPath()
                          + ": property "
                          + m.name()
                          + " of "
                          + properties.objectType()
                          + " is read-only (HubSpot sets it); remove it from spec.mapping or map"
                          + " a property integrations may write");
                }
              },
              () -> problems.add(missing(m.specPath(), properties, m.name())));
    }
    if (!problems.isEmpty()) {
      throw new DestinationException(
          Kind.CONFIGURATION, "MappingInvalid", String.join("; ", problems));
    }
  }

  private static String missing(String specPath, ObjectProperties properties, String name) {
    String message =
        specPath + ": HubSpot object " + properties.objectType() + " has no property " + name;
    String suggestion = Spelling.closest(name, properties.names());
    return suggestion == null ? message : message + " (did you mean " + suggestion + "?)";
  }
}

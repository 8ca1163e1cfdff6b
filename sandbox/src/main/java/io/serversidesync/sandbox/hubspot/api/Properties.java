package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The property names a read or search asks for, or HubSpot's defaults when it asks for none. */
final class Properties {
  /** Returned when a call names no properties (HubSpot's defaults for contacts and companies). */
  private static final Set<String> DEFAULTS =
      Set.of("email", "firstname", "lastname", "name", "domain");

  private Properties() {}

  static List<String> requested(HubSpotObject object, JsonNode properties) {
    List<String> out = new ArrayList<>();
    if (properties != null && properties.isArray() && !properties.isEmpty()) {
      // HubSpot leaves out names that are no property of the object
      properties.forEach(
          p -> {
            if (object.property(p.asText()).isPresent() && !out.contains(p.asText())) {
              out.add(p.asText());
            }
          });
      return out;
    }
    for (PropertyDef def : object.properties()) {
      if (DEFAULTS.contains(def.name())) {
        out.add(def.name());
      }
    }
    return out;
  }
}

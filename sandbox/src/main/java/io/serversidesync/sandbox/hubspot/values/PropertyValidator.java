package io.serversidesync.sandbox.hubspot.values;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks the properties of one input against its object: unknown, read-only, typed values. */
public final class PropertyValidator {
  private PropertyValidator() {}

  /** Checks JSON values as an API call sends them. */
  public static ValidatedProperties validate(HubSpotObject object, Map<String, JsonNode> sent) {
    Map<String, String> values = new LinkedHashMap<>();
    List<InvalidValue> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : sent.entrySet()) {
      Optional<PropertyDef> def = writable(object, e.getKey(), problems);
      if (def.isEmpty()) {
        continue;
      }
      try {
        values.put(e.getKey(), ValueNormalizer.normalize(def.get(), e.getValue()));
      } catch (InvalidValueException ex) {
        problems.add(ex.invalid());
      }
    }
    return new ValidatedProperties(values, problems);
  }

  /** Checks text values, as a user typing into HubSpot would enter them. */
  public static ValidatedProperties validateText(HubSpotObject object, Map<String, String> sent) {
    Map<String, String> values = new LinkedHashMap<>();
    List<InvalidValue> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : sent.entrySet()) {
      Optional<PropertyDef> def = writable(object, e.getKey(), problems);
      if (def.isEmpty()) {
        continue;
      }
      try {
        values.put(e.getKey(), ValueNormalizer.normalize(def.get(), e.getValue()));
      } catch (InvalidValueException ex) {
        problems.add(ex.invalid());
      }
    }
    return new ValidatedProperties(values, problems);
  }

  private static Optional<PropertyDef> writable(
      HubSpotObject object, String name, List<InvalidValue> problems) {
    Optional<PropertyDef> def = object.property(name);
    if (def.isEmpty()) {
      problems.add(
          new InvalidValue(
              name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"));
      return Optional.empty();
    }
    if (def.get().readOnly()) {
      problems.add(
          new InvalidValue(
              name,
              "READ_ONLY_VALUE",
              "\"" + name + "\" is a read only property; its value cannot be set."));
      return Optional.empty();
    }
    return def;
  }
}

package io.serversidesync.runner.destination.hubspot.properties;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every property of one object type, by internal name (HubSpot's names are lower case and matched
 * exactly).
 *
 * @param objectType e.g. contacts
 */
public record ObjectProperties(String objectType, Map<String, HubSpotProperty> byName) {

  public ObjectProperties {
    byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  public static ObjectProperties of(String objectType, List<HubSpotProperty> properties) {
    Map<String, HubSpotProperty> byName = new LinkedHashMap<>();
    properties.forEach(p -> byName.put(p.name(), p));
    return new ObjectProperties(objectType, byName);
  }

  public Optional<HubSpotProperty> property(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }
}

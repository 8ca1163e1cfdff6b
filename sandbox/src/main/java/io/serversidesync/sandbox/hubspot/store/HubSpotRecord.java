package io.serversidesync.sandbox.hubspot.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored record: its properties in stored (string) form, including {@code hs_object_id}, {@code
 * createdate} and the last-modified property; unset properties are absent.
 */
public record HubSpotRecord(
    long id, Map<String, String> properties, Instant createdAt, Instant updatedAt) {

  public HubSpotRecord {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public String value(String property) {
    return properties.get(property);
  }
}

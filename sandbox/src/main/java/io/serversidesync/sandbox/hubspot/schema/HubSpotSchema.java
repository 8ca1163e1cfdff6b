package io.serversidesync.sandbox.hubspot.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The object types a HubSpot sandbox serves. */
public record HubSpotSchema(List<HubSpotObject> objects) {

  public HubSpotSchema {
    objects = List.copyOf(objects);
  }

  /** The object a path names by plural name, singular name or type id (case-insensitive). */
  public Optional<HubSpotObject> object(String pathName) {
    String n = pathName.toLowerCase(Locale.ROOT);
    return objects.stream()
        .filter(
            o ->
                o.name().equals(n)
                    || o.objectTypeId().equals(n)
                    || o.singular().toLowerCase(Locale.ROOT).equals(n))
        .findFirst();
  }
}

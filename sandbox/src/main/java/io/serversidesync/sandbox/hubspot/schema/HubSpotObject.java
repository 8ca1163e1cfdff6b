package io.serversidesync.sandbox.hubspot.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A HubSpot object type such as {@code contacts}.
 *
 * @param name the plural name used in paths and scopes ({@code contacts})
 * @param objectTypeId HubSpot's id of the type ({@code 0-1}); paths accept it too
 * @param singular the singular, upper-case name used in messages ({@code CONTACT})
 * @param lastModifiedProperty {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate}
 *     for the others
 * @param properties the properties, in declaration order
 */
public record HubSpotObject(
    String name,
    String objectTypeId,
    String singular,
    String lastModifiedProperty,
    List<PropertyDef> properties) {

  public static final String ID = "hs_object_id";
  public static final String CREATED = "createdate";

  public HubSpotObject {
    properties = List.copyOf(properties);
  }

  public Optional<PropertyDef> property(String propertyName) {
    return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
  }

  public Map<String, PropertyDef> byName() {
    Map<String, PropertyDef> out = new LinkedHashMap<>();
    properties.forEach(p -> out.put(p.name(), p));
    return out;
  }

  /** The properties every record answer carries: id, creation and last modification. */
  public List<String> systemProperties() {
    return List.of(ID, CREATED, lastModifiedProperty);
  }

  /** {@code crm.objects.contacts.write} and the like. */
  public String scope(String family, String access) {
    return "crm." + family + "." + name + "." + access;
  }
}

package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.schema.PropertyDef;
import io.serversidesync.sandbox.hubspot.schema.PropertyOption;
import java.util.Map;

/** {@code GET /crm/v3/properties/{objectType}} and {@code …/{propertyName}}. */
public final class PropertiesResource {
  public static final String NAME = "hubspot.properties";

  public void register(Router<CallContext> router) {
    router.add("GET", "crm/v3/properties/{objectType}", NAME, HubSpotHandler.wrap(this::list));
    router.add(
        "GET",
        "crm/v3/properties/{objectType}/{propertyName}",
        NAME,
        HubSpotHandler.wrap(this::one));
  }

  private Response list(Request r, Map<String, String> p, CallContext c) throws HubSpotException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.SCHEMAS, "read");
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    object.properties().forEach(def -> results.add(definition(object, def)));
    return Response.json(200, body);
  }

  private Response one(Request r, Map<String, String> p, CallContext c) throws HubSpotException {
    HubSpotObject object = c.object(p.get("objectType"), CallContext.SCHEMAS, "read");
    String name = p.get("propertyName");
    PropertyDef def =
        object
            .property(name)
            .orElseThrow(
                () ->
                    HubSpotErrors.error(
                        404,
                        "OBJECT_NOT_FOUND",
                        "Property " + name + " does not exist for " + object.name()));
    return Response.json(200, definition(object, def));
  }

  static ObjectNode definition(HubSpotObject object, PropertyDef def) {
    ObjectNode n = Json.object();
    n.put("name", def.name());
    n.put("label", def.label());
    n.put("type", def.type().wireName());
    n.put("fieldType", def.type().fieldType());
    n.put("description", "");
    n.put("groupName", object.singular().toLowerCase(java.util.Locale.ROOT) + "information");
    ArrayNode options = n.putArray("options");
    int order = 0;
    for (PropertyOption o : def.options()) {
      ObjectNode on = options.addObject();
      on.put("label", o.label());
      on.put("value", o.value());
      on.put("displayOrder", order++);
      on.put("hidden", false);
    }
    n.put("displayOrder", -1);
    n.put("calculated", false);
    n.put("externalOptions", false);
    n.put("hasUniqueValue", def.hasUniqueValue());
    n.put("hidden", false);
    n.put("hubspotDefined", !def.name().endsWith("_ref") && !def.name().contains("_"));
    ObjectNode meta = n.putObject("modificationMetadata");
    meta.put("archivable", !def.readOnly());
    meta.put("readOnlyDefinition", def.readOnly());
    meta.put("readOnlyValue", def.readOnly());
    n.put("formField", !def.readOnly());
    n.put("archived", false);
    return n;
  }
}

package io.serversidesync.runner.destination.hubspot.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.HubSpotReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads an object type's properties: {@code GET /crm/v3/properties/{objectType}}, one call. */
public final class PropertiesClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotHttp http;

  public PropertiesClient(HubSpotHttp http) {
    this.http = http;
  }

  /**
   * Every property of {@code objectType}.
   *
   * @throws DestinationException CONFIGURATION naming spec.destination.object when HubSpot knows no
   *     such object type
   */
  public ObjectProperties read(String objectType) throws DestinationException {
    HubSpotReply reply = http.get("properties", "crm/v3/properties/" + objectType);
    if (reply.status() == 400 || reply.status() == 404) {
      throw new DestinationException(
          Kind.CONFIGURATION,
          "ObjectUnknown",
          "spec.destination.object: HubSpot has no object type "
              + objectType
              + " ("
              + reply.error().map(e -> e.describe()).orElse("HTTP " + reply.status())
              + "); use an object type's name such as contacts, companies, deals or a custom"
              + " object's fully qualified name");
    }
    if (!reply.successful()) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "HubSpotUnexpected",
          "HubSpot answered HTTP "
              + reply.status()
              + " to reading the properties of "
              + objectType
              + reply.error().map(e -> ": " + e.describe()).orElse(""));
    }
    try {
      List<HubSpotProperty> properties = new ArrayList<>();
      for (JsonNode node : JSON.readTree(reply.body()).path("results")) {
        properties.add(property(node));
      }
      return ObjectProperties.of(objectType, properties);
    } catch (IOException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "HubSpotUnexpected",
          "HubSpot's properties of " + objectType + " are not JSON: " + e.getMessage(),
          null,
          e);
    }
  }

  private static HubSpotProperty property(JsonNode node) {
    List<String> options = new ArrayList<>();
    node.path("options").forEach(o -> options.add(o.path("value").asText()));
    String type = node.path("type").asText("");
    return new HubSpotProperty(
        node.path("name").asText(),
        PropertyType.of(type),
        type,
        node.path("hasUniqueValue").asBoolean(false),
        node.path("modificationMetadata").path("readOnlyValue").asBoolean(false),
        options);
  }
}

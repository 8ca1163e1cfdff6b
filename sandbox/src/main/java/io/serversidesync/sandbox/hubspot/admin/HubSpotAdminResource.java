package io.serversidesync.sandbox.hubspot.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.hubspot.HubSpotControl;
import io.serversidesync.sandbox.hubspot.api.RecordJson;
import io.serversidesync.sandbox.hubspot.limits.RateLimitState;
import io.serversidesync.sandbox.hubspot.schema.HubSpotObject;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /__sandbox/hubspot/…}: record dumps and user edits, the token and its scopes, the daily
 * usage. Part of the admin side door: no token, not counted, no faults.
 */
public final class HubSpotAdminResource {
  private final HubSpotControl control;

  public HubSpotAdminResource(HubSpotControl control) {
    this.control = control;
  }

  /** Answers {@code path} (below {@code /__sandbox/hubspot/}). */
  public Response handle(Request r, List<String> path) throws ApiException, IOException {
    String head = path.isEmpty() ? "" : path.get(0);
    String method = r.method();
    switch (head) {
      case "records":
        if (path.size() == 2 && method.equals("GET")) {
          return records(path.get(1));
        }
        if (path.size() == 2 && method.equals("POST")) {
          return edit(path.get(1), body(r));
        }
        break;
      case "token":
        if (method.equals("POST")) {
          token(body(r));
        }
        if (method.equals("POST") || method.equals("GET")) {
          return tokenState();
        }
        break;
      case "usage":
        if (method.equals("POST")) {
          usage(body(r));
        }
        if (method.equals("POST") || method.equals("GET")) {
          return usageState();
        }
        break;
      default:
        throw ApiException.notFound();
    }
    throw new ApiException(
        405, "METHOD_NOT_ALLOWED", method + " is not allowed on /__sandbox/hubspot/" + head);
  }

  private Response records(String objectType) throws ApiException {
    HubSpotObject object = object(objectType);
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    for (HubSpotRecord rec : control.records(object.name())) {
      results.add(RecordJson.fullRecord(object, rec));
    }
    return Response.json(200, body);
  }

  private Response edit(String objectType, JsonNode body) throws ApiException {
    HubSpotObject object = object(objectType);
    String idProperty = body.path("idProperty").asText("");
    String id = body.path("id").asText("");
    if (idProperty.isEmpty() || id.isEmpty()) {
      throw ApiException.badRequest("INVALID_FIELD", "idProperty and id are required");
    }
    Map<String, String> props = new LinkedHashMap<>();
    body.path("properties")
        .properties()
        .forEach(e -> props.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    try {
      HubSpotRecord rec = control.editAsUser(object.name(), idProperty, id, props);
      return Response.json(200, RecordJson.fullRecord(object, rec));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_FIELD", e.getMessage());
    }
  }

  private void token(JsonNode body) throws ApiException {
    String token = body.path("token").asText(control.token());
    Set<String> scopes = new LinkedHashSet<>(control.scopes());
    if (body.has("scopes")) {
      scopes.clear();
      body.get("scopes").forEach(s -> scopes.add(s.asText()));
    }
    try {
      control.setToken(token, scopes);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_FIELD", e.getMessage());
    }
  }

  private Response tokenState() {
    ObjectNode n = Json.object();
    n.put("token", control.token());
    ArrayNode scopes = n.putArray("scopes");
    control.scopes().stream().sorted().forEach(scopes::add);
    return Response.json(200, n);
  }

  private void usage(JsonNode body) throws ApiException {
    JsonNode used = body.get("dailyUsed");
    if (used == null || !used.canConvertToLong() || used.asLong() < 0) {
      throw ApiException.badRequest("INVALID_FIELD", "dailyUsed must be an integer >= 0");
    }
    control.setDailyUsage(used.asLong());
  }

  private Response usageState() {
    RateLimitState s = control.rateLimits();
    ObjectNode n = Json.object();
    n.put("dailyUsed", control.dailyUsage());
    n.put("dailyLimit", s.dailyLimit());
    n.put("dailyRemaining", s.dailyRemaining());
    n.put("burstMax", s.burstMax());
    n.put("burstRemaining", s.burstRemaining());
    return Response.json(200, n);
  }

  private HubSpotObject object(String objectType) throws ApiException {
    return control
        .schema()
        .object(objectType)
        .orElseThrow(
            () ->
                new ApiException(
                    404, "NOT_FOUND", "the sandbox serves no HubSpot object " + objectType));
  }

  private static JsonNode body(Request r) throws ApiException, IOException {
    byte[] bytes = r.body();
    if (bytes.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("JSON_PARSER_ERROR", "The body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
    }
  }
}

package io.serversidesync.sandbox.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.hubspot.admin.HubSpotAdminResource;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.render.RecordRenderer;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.store.ObjectStore;
import io.serversidesync.sandbox.values.SalesforceFormats;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /__sandbox/…}: faults, stats, record dumps, reset, clock and API usage, and the HubSpot
 * side door under {@code /__sandbox/hubspot/…}. No session, no API usage, no faults: it is the test
 * harness's side door.
 */
public final class AdminResource {
  private static final Set<String> FAULT_ACTIONS =
      Set.of("revokeTokensNow", "revokeRefreshTokens", "rateLimitBurstNow");

  private final SandboxControl control;

  public AdminResource(SandboxControl control) {
    this.control = control;
  }

  public Response handle(Request r, List<String> path) throws ApiException, IOException {
    String head = path.isEmpty() ? "" : path.get(0);
    String method = r.method();
    switch (head) {
      case "faults":
        if (method.equals("GET")) {
          return Response.json(200, Json.MAPPER.valueToTree(control.faultSettings()));
        }
        if (method.equals("POST")) {
          return faults(body(r));
        }
        break;
      case "stats":
        if (method.equals("GET")) {
          return stats();
        }
        break;
      case "records":
        if (method.equals("GET") && path.size() == 2) {
          return records(path.get(1));
        }
        break;
      case "reset":
        if (method.equals("POST")) {
          control.reset();
          return stats();
        }
        break;
      case "clock":
        if (method.equals("POST")) {
          clock(body(r));
        }
        if (method.equals("POST") || method.equals("GET")) {
          return clockState();
        }
        break;
      case "hubspot":
        return new HubSpotAdminResource(control.hubSpot()).handle(r, path.subList(1, path.size()));
      case "usage":
        if (method.equals("POST")) {
          usage(body(r));
        }
        if (method.equals("POST") || method.equals("GET")) {
          return Response.json(200, usageState());
        }
        break;
      default:
        throw ApiException.notFound();
    }
    throw new ApiException(
        405, "METHOD_NOT_ALLOWED", method + " is not allowed on /__sandbox/" + head);
  }

  private static JsonNode body(Request r) throws ApiException, IOException {
    byte[] bytes = r.body();
    if (bytes.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (!node.isObject()) {
        throw ApiException.badRequest("JSON_PARSER_ERROR", "The body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
    }
  }

  /** Merges the given settings into the current ones, then runs the one-shot actions. */
  private Response faults(JsonNode body) throws ApiException {
    ObjectNode merged = Json.MAPPER.valueToTree(control.faultSettings());
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (FAULT_ACTIONS.contains(e.getKey())) {
        continue;
      }
      if (!merged.has(e.getKey())) {
        throw ApiException.badRequest(
            "INVALID_FIELD",
            "Unknown fault setting '"
                + e.getKey()
                + "'; known: "
                + merged.properties().stream().map(Map.Entry::getKey).toList()
                + " and actions "
                + FAULT_ACTIONS);
      }
      merged.set(e.getKey(), e.getValue());
    }
    FaultSettings settings;
    try {
      settings = Json.MAPPER.treeToValue(merged, FaultSettings.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw ApiException.badRequest(
          "INVALID_FIELD", "Invalid fault settings: " + cause.getMessage());
    }
    control.setFaults(settings);
    if (body.path("revokeTokensNow").asBoolean(false)) {
      control.revokeAccessTokens();
    }
    if (body.path("revokeRefreshTokens").asBoolean(false)) {
      control.revokeRefreshTokens();
    }
    if (body.path("rateLimitBurstNow").asInt(0) > 0) {
      control.startRateLimitBurst(body.path("rateLimitBurstNow").asInt());
    }
    return Response.json(200, Json.MAPPER.valueToTree(control.faultSettings()));
  }

  private Response stats() {
    ObjectNode body = Json.MAPPER.valueToTree(control.stats());
    body.set("apiUsage", usageState());
    return Response.json(200, body);
  }

  private ObjectNode usageState() {
    ApiUsage usage = control.usage();
    ObjectNode n = Json.object();
    n.put("used", usage.requests().used());
    n.put("max", usage.requests().limit());
    n.put("remaining", usage.requests().remaining());
    n.put("otherUsage", usage.requests().otherUsage());
    n.put("bulkBatchesUsed", usage.bulkBatches().used());
    return n;
  }

  private void usage(JsonNode body) throws ApiException {
    JsonNode limit = body.get("dailyApiLimit");
    JsonNode other = body.get("otherUsage");
    if ((limit != null && !limit.canConvertToLong())
        || (other != null && !other.canConvertToLong())) {
      throw ApiException.badRequest(
          "INVALID_FIELD", "dailyApiLimit and otherUsage must be integers");
    }
    if (limit != null) {
      control.usage().requests().setLimit(limit.asLong());
    }
    if (other != null) {
      control.usage().requests().setOtherUsage(other.asLong());
    }
  }

  private Response records(String objectName) throws ApiException {
    ObjectDef object =
        control.store().schema().object(objectName).orElseThrow(ApiException::notFound);
    ObjectStore os = control.store().store(object);
    List<Map<String, Object>> rows = os.locked(os::snapshot);
    ObjectNode body = Json.object();
    body.put("totalSize", rows.size());
    ArrayNode records = body.putArray("records");
    for (Map<String, Object> row : rows) {
      records.add(RecordRenderer.record(object, row, object.fields(), "/services/data/v64.0"));
    }
    return Response.json(200, body);
  }

  private void clock(JsonNode body) throws ApiException {
    try {
      if (body.path("reset").asBoolean(false)) {
        control.clock().reset();
      }
      if (body.has("freezeAt")) {
        control.clock().freezeAt(SalesforceFormats.parseDatetime(body.get("freezeAt").asText()));
      } else if (body.has("freeze")) {
        if (body.get("freeze").asBoolean()) {
          control.clock().freeze();
        } else {
          control.clock().unfreeze();
        }
      }
      if (body.has("advanceSeconds")) {
        control
            .clock()
            .advance(Duration.ofMillis(Math.round(body.get("advanceSeconds").asDouble() * 1000)));
      }
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "INVALID_FIELD", "freezeAt is not an ISO-8601 datetime: " + e.getParsedString());
    }
  }

  private Response clockState() {
    ObjectNode n = Json.object();
    n.put("now", SalesforceFormats.datetime(control.clock().now()));
    n.put("frozen", control.clock().frozen());
    return Response.json(200, n);
  }
}

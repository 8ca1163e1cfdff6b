package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON request bodies, answering HubSpot's 400 when they do not parse. */
final class Bodies {
  /** HubSpot's batch endpoints take at most this many inputs. */
  static final int MAX_BATCH_INPUTS = 100;

  private Bodies() {}

  static ObjectNode object(Request r) throws HubSpotException, IOException {
    byte[] bytes;
    try {
      bytes = r.body();
    } catch (ApiException e) {
      throw HubSpotErrors.error(413, "VALIDATION_ERROR", "Request body too large");
    }
    if (bytes.length == 0) {
      throw HubSpotErrors.validation("Invalid input JSON: the request body is empty");
    }
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw HubSpotErrors.validation("Invalid input JSON: the body must be a JSON object");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw HubSpotErrors.validation(
          "Invalid input JSON on line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
  }

  /** The {@code inputs} array, at most {@link #MAX_BATCH_INPUTS} objects. */
  static List<JsonNode> inputs(ObjectNode body) throws HubSpotException {
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw HubSpotErrors.validation("Invalid input JSON: \"inputs\" must be an array");
    }
    if (inputs.size() > MAX_BATCH_INPUTS) {
      throw HubSpotErrors.validation(
          "Batch input of "
              + inputs.size()
              + " inputs exceeds the limit of "
              + MAX_BATCH_INPUTS
              + " inputs per request.");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode input : inputs) {
      if (!input.isObject()) {
        throw HubSpotErrors.validation("Invalid input JSON: every input must be an object");
      }
      out.add(input);
    }
    return out;
  }

  /** A string or number field as text, or null when absent, null or not scalar. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}

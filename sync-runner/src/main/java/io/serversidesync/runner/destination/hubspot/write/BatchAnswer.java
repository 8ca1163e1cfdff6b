package io.serversidesync.runner.destination.hubspot.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.KeyMatching;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch call's answer (200, or 207 with some inputs failed), by input: each result found by the
 * unique property's value among its properties, each error by the identifiers its {@code
 * context.ids} names. HubSpot's exact context keys for batch errors are unverified; naming failed
 * inputs by their identifier in {@code context.ids} (or {@code context.id}) is the choice made here
 * and in the sandbox, and an input the answer names nowhere is never taken as written.
 */
final class BatchAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROPERTY_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  /** A record HubSpot holds. */
  record Written(String nativeId, boolean created) {}

  /** A record HubSpot refused, with its category, message and the properties it blamed. */
  record Failed(String category, String message, List<String> properties) {}

  private final Map<String, Written> written = new HashMap<>();
  private final Map<String, Failed> failed = new HashMap<>();
  private final KeyMatching matching;

  private BatchAnswer(KeyMatching matching) {
    this.matching = matching;
  }

  /**
   * Reads an answer.
   *
   * @param uniqueProperty the property whose value names each result
   * @throws DestinationException TRANSIENT when the answer cannot be read
   */
  static BatchAnswer parse(String body, String uniqueProperty, KeyMatching matching)
      throws DestinationException {
    BatchAnswer answer = new BatchAnswer(matching);
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw unreadable("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw unreadable("not a JSON object", null);
    }
    for (JsonNode result : root.path("results")) {
      JsonNode key = result.path("properties").path(uniqueProperty);
      if (key.isTextual() && result.hasNonNull("id")) {
        answer.written.put(
            matching.canonical(key.asText()),
            new Written(result.get("id").asText(), result.path("new").asBoolean(false)));
      }
    }
    for (JsonNode error : root.path("errors")) {
      String message = error.path("message").asText("");
      Failed failure =
          new Failed(error.path("category").asText("UNKNOWN"), message, blamed(message));
      for (String id : ids(error.path("context"))) {
        answer.failed.put(matching.canonical(id), failure);
      }
    }
    return answer;
  }

  Written written(String key) {
    return written.get(matching.canonical(key));
  }

  Failed failed(String key) {
    return failed.get(matching.canonical(key));
  }

  private static List<String> ids(JsonNode context) {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("ids", "id")) {
      JsonNode node = context.path(name);
      if (node.isArray()) {
        node.forEach(n -> ids.add(n.asText()));
      } else if (node.isTextual()) {
        ids.add(node.asText());
      }
    }
    return ids;
  }

  /** The properties a validation message names ({@code "name":"score"} in its JSON details). */
  private static List<String> blamed(String message) {
    List<String> names = new ArrayList<>();
    Matcher m = PROPERTY_NAME.matcher(message);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static DestinationException unreadable(String why, Throwable cause) {
    return new DestinationException(
        Kind.TRANSIENT,
        "HubSpotUnexpected",
        "HubSpot's batch answer cannot be read (" + why + ")",
        null,
        cause);
  }
}

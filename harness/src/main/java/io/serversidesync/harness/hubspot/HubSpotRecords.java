package io.serversidesync.harness.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.harness.verify.DestinationRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HubSpot side of the sandbox as a test sees it, through its admin door ({@code
 * /__sandbox/hubspot/…} and {@code /__sandbox/stats}: not counted as API calls, never faulted):
 * every live record of an object type, the edits a HubSpot user makes, and the HubSpot calls the
 * sandbox counted. HubSpot returns every property value as a string or null; so does this.
 */
public final class HubSpotRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final String sandboxUrl;

  /**
   * @param sandboxUrl the sandbox itself (not a proxy in front of it), e.g. http://127.0.0.1:8080
   */
  public HubSpotRecords(String sandboxUrl) {
    this.sandboxUrl = sandboxUrl.replaceAll("/+$", "");
  }

  /** Every live record of {@code objectType}: {@code id}, {@code properties}, … as HubSpot has. */
  public List<JsonNode> all(String objectType) {
    JsonNode page = send("GET", "/__sandbox/hubspot/records/" + objectType, null);
    List<JsonNode> records = new ArrayList<>();
    page.path("results").forEach(records::add);
    return records;
  }

  /**
   * Every live record's properties by the value of {@code uniqueProperty} (records without one are
   * under null), to verify against: values compared as HubSpot holds them.
   */
  public DestinationRecords byProperty(String objectType, String uniqueProperty) {
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    for (JsonNode record : all(objectType)) {
      Map<String, Object> properties = properties(record);
      properties.putIfAbsent("hs_object_id", record.path("id").asText(null));
      byKey.put((String) properties.get(uniqueProperty), properties);
    }
    return DestinationRecords.hubSpot(byKey);
  }

  /**
   * Edits a record as a HubSpot user would (its last-modified date moves), creating it when no
   * record has {@code id} as its {@code idProperty}; returns the record.
   */
  public JsonNode edit(
      String objectType, String idProperty, String id, Map<String, String> properties) {
    ObjectNode body = JSON.createObjectNode().put("idProperty", idProperty).put("id", id);
    ObjectNode values = body.putObject("properties");
    properties.forEach(values::put);
    return send("POST", "/__sandbox/hubspot/records/" + objectType, body);
  }

  /** The HubSpot calls the sandbox counted so far ({@code hubspot.*} of its stats). */
  public HubSpotCalls calls() {
    Map<String, Long> calls = new LinkedHashMap<>();
    send("GET", "/__sandbox/stats", null)
        .path("calls")
        .properties()
        .forEach(e -> calls.put(e.getKey(), e.getValue().asLong()));
    return HubSpotCalls.of(calls);
  }

  /** A record's properties, each value a string or null. */
  static Map<String, Object> properties(JsonNode record) {
    Map<String, Object> properties = new LinkedHashMap<>();
    record
        .path("properties")
        .properties()
        .forEach(
            e -> properties.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return properties;
  }

  private JsonNode send(String method, String path, JsonNode body) {
    Request request =
        new Request.Builder()
            .url(sandboxUrl + path)
            .method(
                method, body == null ? null : RequestBody.create(body.toString(), APPLICATION_JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.code() + ": " + text);
      }
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }
}

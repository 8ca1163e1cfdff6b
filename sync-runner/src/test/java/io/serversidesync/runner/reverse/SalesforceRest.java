package io.serversidesync.runner.reverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Edits records "in Salesforce": the sandbox's REST API, as a user's tool would call it. */
final class SalesforceRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final Sandbox sandbox;
  private final OkHttpClient http = new OkHttpClient();

  SalesforceRest(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  private String data(String path) {
    return sandbox.baseUrl() + "/services/data/v64.0/" + path;
  }

  /** PATCH …/sobjects/Contact/{id}. */
  void update(String id, Map<String, Object> fields) {
    call("PATCH", "sobjects/Contact/" + id, JSON.valueToTree(fields), 204);
  }

  /** DELETE …/sobjects/Contact/{id}. */
  void delete(String id) {
    call("DELETE", "sobjects/Contact/" + id, null, 204);
  }

  /** POST …/composite/sobjects in requests of 200; returns the new ids. */
  List<String> create(List<Map<String, Object>> records) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < records.size(); from += 200) {
      ObjectNode body = JSON.createObjectNode().put("allOrNone", true);
      ArrayNode list = body.putArray("records");
      for (Map<String, Object> r : records.subList(from, Math.min(records.size(), from + 200))) {
        ObjectNode node = list.addObject();
        node.putObject("attributes").put("type", "Contact");
        node.setAll((ObjectNode) JSON.valueToTree(r));
      }
      JsonNode result = call("POST", "composite/sobjects", body, 200);
      for (JsonNode r : result) {
        if (!r.path("success").asBoolean()) {
          throw new IllegalStateException("create failed: " + r);
        }
        ids.add(r.path("id").asText());
      }
    }
    return ids;
  }

  /** PATCH …/composite/sobjects (update by Id) in requests of 200; each record has an Id. */
  void updateAll(List<Map<String, Object>> records) {
    for (int from = 0; from < records.size(); from += 200) {
      ObjectNode body = JSON.createObjectNode().put("allOrNone", true);
      ArrayNode list = body.putArray("records");
      for (Map<String, Object> r : records.subList(from, Math.min(records.size(), from + 200))) {
        ObjectNode node = list.addObject();
        node.putObject("attributes").put("type", "Contact");
        node.setAll((ObjectNode) JSON.valueToTree(r));
      }
      JsonNode result = call("PATCH", "composite/sobjects", body, 200);
      for (JsonNode r : result) {
        if (!r.path("success").asBoolean()) {
          throw new IllegalStateException("update failed: " + r);
        }
      }
    }
  }

  private JsonNode call(String method, String path, JsonNode body, int expected) {
    Request request =
        new Request.Builder()
            .url(data(path))
            .header("Authorization", "Bearer " + sandbox.issueAccessToken())
            .method(
                method, body == null ? null : RequestBody.create(body.toString(), APPLICATION_JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (response.code() != expected) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.code() + ": " + text);
      }
      return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

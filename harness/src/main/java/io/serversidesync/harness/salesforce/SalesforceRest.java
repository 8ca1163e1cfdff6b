package io.serversidesync.harness.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Salesforce's standard REST API as a user's tool calls it, to read what the runner wrote and to
 * make the edits a person would make: SOQL with {@code nextRecordsUrl} paging, sObject PATCH and
 * DELETE by Id, sObject Collections create and update. The one REST client of the demo and the
 * tests; it talks to the sandbox as to any org.
 */
public final class SalesforceRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final int COLLECTION_SIZE = 200;

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final Supplier<Session> session;
  private final String apiVersion;

  /**
   * @param instanceUrl the org's instance URL
   * @param apiVersion e.g. 64.0
   * @param accessToken a valid access token each time it is asked
   */
  public SalesforceRest(String instanceUrl, String apiVersion, Supplier<String> accessToken) {
    this.session = () -> new Session(instanceUrl, accessToken.get());
    this.apiVersion = apiVersion;
  }

  private SalesforceRest(Supplier<Session> session, String apiVersion) {
    this.session = session;
    this.apiVersion = apiVersion;
  }

  /**
   * Signs in with the OAuth 2.0 client-credentials flow before each call (a new token each time).
   */
  public static SalesforceRest clientCredentials(
      String loginUrl, String apiVersion, String clientId, String clientSecret) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    Supplier<Session> signIn =
        () -> {
          FormBody form =
              new FormBody.Builder()
                  .add("grant_type", "client_credentials")
                  .add("client_id", clientId)
                  .add("client_secret", clientSecret)
                  .build();
          Request request =
              new Request.Builder().url(loginUrl + "/services/oauth2/token").post(form).build();
          try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
              throw new SalesforceRestException(
                  "token request answered " + response.code() + ": " + text);
            }
            JsonNode token = JSON.readTree(text);
            return new Session(
                token.path("instance_url").asText(loginUrl), token.path("access_token").asText());
          } catch (IOException e) {
            throw new SalesforceRestException("token request failed: " + e.getMessage(), e);
          }
        };
    return new SalesforceRest(signIn, apiVersion);
  }

  /** Every record a SOQL query returns, following {@code nextRecordsUrl}. */
  public List<JsonNode> query(String soql) {
    Session s = session.get();
    HttpUrl url =
        HttpUrl.get(s.instanceUrl() + dataPath("query"))
            .newBuilder()
            .addQueryParameter("q", soql)
            .build();
    List<JsonNode> records = new ArrayList<>();
    while (url != null) {
      JsonNode page = send(s, new Request.Builder().url(url).get(), 200);
      page.path("records").forEach(records::add);
      url =
          page.path("done").asBoolean(true)
              ? null
              : HttpUrl.get(s.instanceUrl() + page.path("nextRecordsUrl").asText());
    }
    return records;
  }

  /** Every record of {@code object}, by external id, with {@code fields}. */
  public Map<String, JsonNode> recordsByExternalId(
      String object, String externalIdField, List<String> fields) {
    Map<String, JsonNode> records = new HashMap<>();
    for (JsonNode record :
        query(
            "SELECT "
                + String.join(", ", fields)
                + " FROM "
                + object
                + " ORDER BY SystemModstamp")) {
      records.put(record.path(externalIdField).asText(), record);
    }
    return records;
  }

  /** PATCH …/sobjects/{object}/{id}, as a user's edit. */
  public void update(String object, String id, Map<String, Object> fields) {
    call("PATCH", "sobjects/" + object + "/" + id, JSON.valueToTree(fields), 204);
  }

  /** DELETE …/sobjects/{object}/{id}. */
  public void delete(String object, String id) {
    call("DELETE", "sobjects/" + object + "/" + id, null, 204);
  }

  /** POST …/composite/sobjects in requests of 200 (all or none); returns the new ids. */
  public List<String> create(String object, List<Map<String, Object>> records) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < records.size(); from += COLLECTION_SIZE) {
      JsonNode result = call("POST", "composite/sobjects", collection(object, records, from), 200);
      for (JsonNode r : result) {
        if (!r.path("success").asBoolean()) {
          throw new SalesforceRestException("create failed: " + r);
        }
        ids.add(r.path("id").asText());
      }
    }
    return ids;
  }

  /** PATCH …/composite/sobjects (update by Id) in requests of 200; each record has an Id. */
  public void updateAll(String object, List<Map<String, Object>> records) {
    for (int from = 0; from < records.size(); from += COLLECTION_SIZE) {
      JsonNode result = call("PATCH", "composite/sobjects", collection(object, records, from), 200);
      for (JsonNode r : result) {
        if (!r.path("success").asBoolean()) {
          throw new SalesforceRestException("update failed: " + r);
        }
      }
    }
  }

  private static ObjectNode collection(String object, List<Map<String, Object>> records, int from) {
    ObjectNode body = JSON.createObjectNode().put("allOrNone", true);
    ArrayNode list = body.putArray("records");
    for (Map<String, Object> r :
        records.subList(from, Math.min(records.size(), from + COLLECTION_SIZE))) {
      ObjectNode node = list.addObject();
      node.putObject("attributes").put("type", object);
      node.setAll((ObjectNode) JSON.valueToTree(r));
    }
    return body;
  }

  private JsonNode call(String method, String path, JsonNode body, int expected) {
    Session s = session.get();
    Request.Builder request =
        new Request.Builder()
            .url(s.instanceUrl() + dataPath(path))
            .method(
                method,
                body == null ? null : RequestBody.create(body.toString(), APPLICATION_JSON));
    return send(s, request, expected);
  }

  private JsonNode send(Session s, Request.Builder request, int expected) {
    Request r = request.header("Authorization", "Bearer " + s.accessToken()).build();
    try (Response response = http.newCall(r).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (response.code() != expected) {
        throw new SalesforceRestException(
            r.method()
                + " "
                + r.url().encodedPath()
                + " answered "
                + response.code()
                + ": "
                + text);
      }
      return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new SalesforceRestException(
          r.method() + " " + r.url().encodedPath() + " failed: " + e.getMessage(), e);
    }
  }

  private String dataPath(String path) {
    return "/services/data/v" + apiVersion + "/" + path;
  }

  private record Session(String instanceUrl, String accessToken) {}
}

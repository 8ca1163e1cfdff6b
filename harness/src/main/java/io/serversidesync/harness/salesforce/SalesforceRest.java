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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
  private final Supplier<Session> signIn;
  private final String apiVersion;
  private final int attempts;
  private final AtomicLong calls = new AtomicLong();
  private volatile Session session;

  /**
   * @param instanceUrl the org's instance URL
   * @param apiVersion e.g. 64.0
   * @param accessToken signs in: a new access token each time it is asked
   */
  public SalesforceRest(String instanceUrl, String apiVersion, Supplier<String> accessToken) {
    this(() -> new Session(instanceUrl, accessToken.get()), apiVersion, 1);
  }

  private SalesforceRest(Supplier<Session> signIn, String apiVersion, int attempts) {
    this.signIn = signIn;
    this.apiVersion = apiVersion;
    this.attempts = attempts;
  }

  /**
   * The same client, retrying each call up to {@code attempts} times as a user's tool does: signs
   * in again after a 401, waits for Retry-After after a 429, and tries again after a 5xx, a locked
   * row or a dropped connection.
   */
  public SalesforceRest retrying(int attempts) {
    return new SalesforceRest(signIn, apiVersion, attempts);
  }

  /** The data API calls made so far (each attempt counts). */
  public long calls() {
    return calls.get();
  }

  /** Signs in with the OAuth 2.0 client-credentials flow (again after a 401). */
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
    return new SalesforceRest(signIn, apiVersion, 1);
  }

  /** Every record a SOQL query returns, following {@code nextRecordsUrl}. */
  public List<JsonNode> query(String soql) {
    String next =
        dataPath("query")
            + "?"
            + new HttpUrl.Builder()
                .scheme("http")
                .host("query")
                .addQueryParameter("q", soql)
                .build()
                .encodedQuery();
    List<JsonNode> records = new ArrayList<>();
    while (next != null) {
      JsonNode page = send("GET", next, null, 200).body();
      page.path("records").forEach(records::add);
      next = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asText();
    }
    return records;
  }

  /** GET …/sobjects/{object}/{field}/{value}: the record with that external id, or empty. */
  public Optional<JsonNode> findByExternalId(
      String object, String externalIdField, String value, List<String> fields) {
    Answer answer =
        send(
            "GET",
            dataPath("sobjects/" + object + "/" + externalIdField + "/" + value)
                + "?fields="
                + String.join(",", fields),
            null,
            200);
    return answer.code() == 404 ? Optional.empty() : Optional.of(answer.body());
  }

  /** PATCH …/sobjects/{object}/{id}; false when the record does not exist (any more). */
  public boolean patch(String object, String id, Map<String, Object> fields) {
    return send("PATCH", dataPath("sobjects/" + object + "/" + id), JSON.valueToTree(fields), 204)
            .code()
        != 404;
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

  /** PATCH …/sobjects/{object}/{id}, as a user's edit; the record must exist. */
  public void update(String object, String id, Map<String, Object> fields) {
    if (!patch(object, id, fields)) {
      throw new SalesforceRestException("PATCH sobjects/" + object + "/" + id + " answered 404");
    }
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
    Answer answer = send(method, dataPath(path), body, expected);
    if (answer.code() == 404) {
      throw new SalesforceRestException(method + " " + path + " answered 404");
    }
    return answer.body();
  }

  /**
   * One call to its answer: the expected code or 404. A fault is retried while attempts are left;
   * anything else fails with the call and the answer.
   */
  private Answer send(String method, String pathAndQuery, JsonNode body, int expected) {
    String last = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Session s = session();
      Request request =
          new Request.Builder()
              .url(s.instanceUrl() + pathAndQuery)
              .header("Authorization", "Bearer " + s.accessToken())
              .method(
                  method,
                  body == null ? null : RequestBody.create(body.toString(), APPLICATION_JSON))
              .build();
      calls.incrementAndGet();
      try (Response response = http.newCall(request).execute()) {
        String text = response.body() == null ? "" : response.body().string();
        int code = response.code();
        if (code == expected || code == 404) {
          return new Answer(code, text.isEmpty() ? JSON.nullNode() : JSON.readTree(text));
        }
        last = code + ": " + text;
        if (code == 401) {
          session = null; // signs in again
        } else if (code == 429) {
          String retryAfter = response.header("Retry-After");
          pause(Duration.ofSeconds(retryAfter == null ? 1 : Long.parseLong(retryAfter.strip())));
        } else if (code >= 500 || text.contains("UNABLE_TO_LOCK_ROW")) {
          pause(Duration.ofMillis(100));
        } else {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
        if (attempt < attempts) {
          pause(Duration.ofMillis(200));
        }
      }
    }
    throw new SalesforceRestException(
        method + " " + pathAndQuery + " answered " + last + " (" + attempts + " attempt(s))");
  }

  private Session session() {
    Session s = session;
    if (s == null) {
      s = signIn.get();
      session = s;
    }
    return s;
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalesforceRestException("interrupted while waiting to retry", e);
    }
  }

  private String dataPath(String path) {
    return "/services/data/v" + apiVersion + "/" + path;
  }

  private record Session(String instanceUrl, String accessToken) {}

  private record Answer(int code, JsonNode body) {}
}

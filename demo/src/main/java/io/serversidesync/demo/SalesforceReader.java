package io.serversidesync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads records back from the Salesforce-compatible sandbox through the standard REST API
 * (client-credentials token, SOQL with nextRecordsUrl paging), as any Salesforce client would.
 */
final class SalesforceReader {

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String loginUrl;
  private final String apiVersion;
  private final String clientId;
  private final String clientSecret;

  SalesforceReader(String loginUrl, String apiVersion, String clientId, String clientSecret) {
    this.loginUrl = loginUrl;
    this.apiVersion = apiVersion;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** Every record of the object, by external id, with the given fields. */
  Map<String, JsonNode> recordsByExternalId(
      String object, String externalIdField, List<String> fields) throws IOException {
    JsonNode token = post(loginUrl + "/services/oauth2/token");
    String instance = token.path("instance_url").asText(loginUrl);
    String bearer = "Bearer " + token.path("access_token").asText();
    String soql =
        "SELECT " + String.join(", ", fields) + " FROM " + object + " ORDER BY SystemModstamp";
    HttpUrl url =
        HttpUrl.parse(instance + "/services/data/v" + apiVersion + "/query")
            .newBuilder()
            .addQueryParameter("q", soql)
            .build();
    Map<String, JsonNode> records = new HashMap<>();
    while (url != null) {
      JsonNode page = get(url, bearer);
      for (JsonNode record : page.path("records")) {
        records.put(record.path(externalIdField).asText(), record);
      }
      url =
          page.path("done").asBoolean(true)
              ? null
              : HttpUrl.parse(instance + page.path("nextRecordsUrl").asText());
    }
    return records;
  }

  /** Updates one record by Id (PATCH …/sobjects/{object}/{id}), as a user's edit would. */
  void update(String object, String id, Map<String, Object> fields) throws IOException {
    JsonNode token = post(loginUrl + "/services/oauth2/token");
    String instance = token.path("instance_url").asText(loginUrl);
    Request request =
        new Request.Builder()
            .url(instance + "/services/data/v" + apiVersion + "/sobjects/" + object + "/" + id)
            .header("Authorization", "Bearer " + token.path("access_token").asText())
            .patch(
                okhttp3.RequestBody.create(
                    json.writeValueAsString(fields), okhttp3.MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 204) {
        throw new DemoFailure(
            "sandbox update answered " + response.code() + ": " + response.body().string());
      }
    }
  }

  private JsonNode post(String url) throws IOException {
    FormBody form =
        new FormBody.Builder()
            .add("grant_type", "client_credentials")
            .add("client_id", clientId)
            .add("client_secret", clientSecret)
            .build();
    try (Response response =
        http.newCall(new Request.Builder().url(url).post(form).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new DemoFailure("sandbox token request answered " + response.code());
      }
      return json.readTree(response.body().byteStream());
    }
  }

  private JsonNode get(HttpUrl url, String bearer) throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(url).header("Authorization", bearer).build())
            .execute()) {
      if (!response.isSuccessful()) {
        throw new DemoFailure(
            "sandbox query answered " + response.code() + ": " + response.body().string());
      }
      return json.readTree(response.body().byteStream());
    }
  }
}

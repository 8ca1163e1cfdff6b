package io.serversidesync.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** A thin real-HTTP client for the tests: OkHttp, JSON in and out, the session token kept. */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();
  static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  static final String V = "/services/data/v64.0";

  /** A response: status, headers and the body as text (and JSON when it parses). */
  record Reply(int status, Headers headers, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text, e);
      }
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  final OkHttpClient http =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofMinutes(2))
          .writeTimeout(Duration.ofMinutes(2))
          .build();
  final String baseUrl;
  String token;

  Client(Sandbox sandbox) {
    this.baseUrl = sandbox.baseUrl();
  }

  /** Logs in with client credentials and keeps the token. */
  Client login() {
    Reply r =
        token(
            new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", SandboxConfig.DEFAULT_CLIENT_ID)
                .add("client_secret", SandboxConfig.DEFAULT_CLIENT_SECRET)
                .build(),
            null);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    token = r.json().get("access_token").asText();
    return this;
  }

  Reply token(RequestBody form, String authorization) {
    Request.Builder b = new Request.Builder().url(baseUrl + "/services/oauth2/token").post(form);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return execute(b.build());
  }

  Reply get(String path) {
    return call("GET", path, null, null);
  }

  Reply get(String path, String header, String value) {
    Request.Builder b = new Request.Builder().url(baseUrl + path).get();
    b.header(header, value);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return execute(b.build());
  }

  Reply patch(String path, String json) {
    return call("PATCH", path, json, APPLICATION_JSON);
  }

  Reply post(String path, String json) {
    return call("POST", path, json, APPLICATION_JSON);
  }

  Reply delete(String path) {
    return call("DELETE", path, null, null);
  }

  Reply call(String method, String path, String body, MediaType type) {
    RequestBody rb = body == null ? null : RequestBody.create(body, type);
    if (rb == null && (method.equals("PATCH") || method.equals("POST") || method.equals("PUT"))) {
      rb = RequestBody.create(new byte[0], null);
    }
    return send(method, path, rb);
  }

  Reply send(String method, String path, RequestBody body) {
    Request.Builder b = new Request.Builder().url(baseUrl + path).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return execute(b.build());
  }

  Reply execute(Request request) {
    try (okhttp3.Response r = http.newCall(request).execute()) {
      return new Reply(r.code(), r.headers(), r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of a collections upsert of Contacts keyed by Customer_Ref__c. */
  static String contacts(boolean allOrNone, String... recordJson) {
    StringBuilder sb = new StringBuilder("{\"allOrNone\":" + allOrNone + ",\"records\":[");
    for (int i = 0; i < recordJson.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"attributes\":{\"type\":\"Contact\"},").append(recordJson[i]).append('}');
    }
    return sb.append("]}").toString();
  }

  static final String UPSERT_CONTACTS = V + "/composite/sobjects/Contact/Customer_Ref__c";
}

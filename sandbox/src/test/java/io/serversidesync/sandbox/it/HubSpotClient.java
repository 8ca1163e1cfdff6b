package io.serversidesync.sandbox.it;

import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Real HTTP to the sandbox's HubSpot API with a private-app token. */
final class HubSpotClient {
  static final String CONTACTS = "/crm/v3/objects/contacts";

  private final OkHttpClient http = new OkHttpClient();
  private final String baseUrl;
  String token = HubSpotSettings.DEFAULT_TOKEN;

  HubSpotClient(Sandbox sandbox) {
    this.baseUrl = sandbox.baseUrl();
  }

  Client.Reply get(String path) {
    return send(new Request.Builder().url(baseUrl + path).get());
  }

  Client.Reply post(String path, String json) {
    return send(
        new Request.Builder()
            .url(baseUrl + path)
            .post(RequestBody.create(json, Client.APPLICATION_JSON)));
  }

  private Client.Reply send(Request.Builder b) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try (okhttp3.Response r = http.newCall(b.build()).execute()) {
      return new Client.Reply(r.code(), r.headers(), r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A batch upsert of contacts keyed by customer_ref: each argument is {@code id|propertiesJson}.
   */
  Client.Reply upsertContacts(String... inputs) {
    StringBuilder sb = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < inputs.length; i++) {
      String[] parts = inputs[i].split("\\|", 2);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"idProperty\":\"customer_ref\",\"id\":\"")
          .append(parts[0])
          .append("\",\"properties\":")
          .append(parts.length > 1 ? parts[1] : "{}")
          .append('}');
    }
    return post(CONTACTS + "/batch/upsert", sb.append("]}").toString());
  }
}

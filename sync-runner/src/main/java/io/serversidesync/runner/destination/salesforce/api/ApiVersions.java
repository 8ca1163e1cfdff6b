package io.serversidesync.runner.destination.salesforce.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Checks that the org offers {@code spec.destination.salesforce.apiVersion}: Salesforce answers 404
 * to every call of a version it does not offer, which would otherwise read as a missing object. The
 * Versions resource ({@code GET /services/data/}) needs no session and does not count against the
 * daily allocation, so it is called outside the rate limiter and the API call count.
 */
public final class ApiVersions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiVersions() {}

  /**
   * @throws DestinationException CONFIGURATION when the version is not offered; TRANSIENT when the
   *     list cannot be read
   */
  public static void requireOffered(OkHttpClient client, HttpUrl instance, String apiVersion)
      throws DestinationException {
    HttpUrl url = instance.newBuilder().encodedPath("/services/data/").build();
    List<String> offered = new ArrayList<>();
    try (Response response =
            client.newCall(new Request.Builder().url(url).get().build()).execute();
        ResponseBody body = response.body()) {
      if (!response.isSuccessful() || body == null) {
        throw unreadable(url, "HTTP " + response.code(), null);
      }
      for (JsonNode version : JSON.readTree(body.string())) {
        offered.add(version.path("version").asText());
      }
    } catch (IOException e) {
      throw unreadable(url, e.getMessage(), e);
    }
    if (!offered.contains(apiVersion)) {
      throw new DestinationException(
          Kind.CONFIGURATION,
          "ApiVersionNotOffered",
          "spec.destination.salesforce.apiVersion "
              + apiVersion
              + " is not offered by this org"
              + (offered.isEmpty()
                  ? ""
                  : " (it offers "
                      + offered.get(0)
                      + " to "
                      + offered.get(offered.size() - 1)
                      + ")")
              + "; choose one it offers, e.g. "
              + (offered.isEmpty() ? "64.0" : offered.get(offered.size() - 1)),
          null,
          null);
    }
  }

  private static DestinationException unreadable(HttpUrl url, String why, Exception cause) {
    return new DestinationException(
        Kind.TRANSIENT,
        "SalesforceUnreachable",
        "cannot read the API versions the org offers (" + url + "): " + why,
        null,
        cause);
  }
}

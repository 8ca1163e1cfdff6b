package io.serversidesync.runner.destination.salesforce.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.Identifiers;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.MeteredHttp;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Holds the current access token: fetched on first use, kept until a data call reports it invalid
 * ({@link #invalidate}), then fetched again with the Secret's current values.
 */
public final class TokenService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MeteredHttp http;
  private final HttpUrl tokenUrl;
  private final OAuthFlow flow;
  private AccessToken cached;

  /**
   * @param loginUrl spec.destination.salesforce.loginUrl (My Domain)
   */
  public TokenService(MeteredHttp http, HttpUrl loginUrl, OAuthFlow flow) {
    this.http = http;
    this.tokenUrl = loginUrl.newBuilder().encodedPath("/services/oauth2/token").build();
    this.flow = flow;
  }

  /** The cached token, or a new one. */
  public synchronized AccessToken current() throws DestinationException {
    if (cached == null) {
      cached = fetch();
    }
    return cached;
  }

  /** Forgets {@code stale} so the next {@link #current} fetches a new token (once per stale). */
  public synchronized void invalidate(AccessToken stale) {
    if (Objects.equals(cached, stale)) {
      cached = null;
    }
  }

  /** The Secret the credentials come from, for messages. */
  public String secretName() {
    return flow.secretName();
  }

  private AccessToken fetch() throws DestinationException {
    Request request =
        new Request.Builder()
            .url(tokenUrl)
            .header("Accept", "application/json")
            .post(flow.tokenRequest())
            .build();
    HttpReply reply = http.send("oauth-token", request);
    if (!reply.successful()) {
      throw rejected(reply);
    }
    JsonNode body;
    try {
      body = JSON.readTree(reply.body());
    } catch (JsonProcessingException e) {
      throw unexpected("its body is not JSON", e);
    }
    String accessToken = text(body, "access_token");
    String instanceUrl = text(body, "instance_url");
    if (accessToken == null || instanceUrl == null) {
      throw unexpected("it lacks access_token or instance_url", null);
    }
    HttpUrl instance = HttpUrl.parse(instanceUrl);
    if (instance == null) {
      throw unexpected("its instance_url is not a URL", null);
    }
    if (!instance.isHttps() && !Identifiers.isLoopbackHost(instance.host())) {
      // every data call would carry the access token in clear text over the network
      throw new DestinationException(
          Kind.CONFIGURATION,
          "InsecureInstanceUrl",
          "the OAuth token response of "
              + tokenUrl
              + " names a plain http instance_url ("
              + instance.scheme()
              + "://"
              + instance.host()
              + "), which would send the access token in clear text: Salesforce always answers"
              + " https; check that spec.destination.salesforce.loginUrl is the org's My Domain",
          null,
          null);
    }
    flow.accepted(body);
    return new AccessToken(accessToken, instance);
  }

  private DestinationException rejected(HttpReply reply) {
    if (reply.status() == 404) {
      return new DestinationException(
          Kind.CONFIGURATION,
          "TokenEndpointNotFound",
          "spec.destination.salesforce.loginUrl: there is no OAuth token endpoint at "
              + tokenUrl
              + " (HTTP 404); use the org's My Domain URL, e.g. https://acme.my.salesforce.com");
    }
    List<SalesforceError> errors = reply.errors();
    String what =
        errors.isEmpty()
            ? "HTTP " + reply.status()
            : errors.get(0).code()
                + (errors.get(0).message().isEmpty() ? "" : " (" + errors.get(0).message() + ")");
    String hint =
        what.contains("not supported on this domain")
            ? "; the client-credentials flow needs spec.destination.salesforce.loginUrl to be the"
                + " org's My Domain URL (https://<domain>.my.salesforce.com)"
            : what.contains("audience") || what.contains("Audience")
                ? "; check spec.destination.salesforce.auth.audience (https://login.salesforce.com"
                    + " for production, https://test.salesforce.com for sandboxes)"
                : "; check the keys " + flow.keys() + " of the Secret and the connected app";
    return new DestinationException(
        Kind.CREDENTIALS,
        "CredentialsRejected",
        "Salesforce rejected the credentials in Secret " + flow.secretName() + ": " + what + hint,
        null,
        null);
  }

  private DestinationException unexpected(String why, Exception cause) {
    return new DestinationException(
        Kind.TRANSIENT,
        "UnexpectedTokenResponse",
        "the OAuth token response of " + tokenUrl + " cannot be used: " + why,
        null,
        cause);
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
  }
}

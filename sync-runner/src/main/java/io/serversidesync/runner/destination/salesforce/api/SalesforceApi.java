package io.serversidesync.runner.destination.salesforce.api;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.auth.AccessToken;
import io.serversidesync.runner.destination.salesforce.auth.TokenService;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import io.serversidesync.runner.destination.salesforce.http.MeteredHttp;
import io.serversidesync.runner.destination.salesforce.http.SalesforceError;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Calls the REST API of the org as the token's user. A 401 (Salesforce: {@code INVALID_SESSION_ID},
 * the session expired or was revoked) gets one new token and one retry; a second 401 is a
 * credentials problem for the user to fix.
 */
public final class SalesforceApi {

  /**
   * Builds a request against the versioned REST root, e.g.
   * https://x.my.salesforce.com/services/data/v64.0/.
   */
  @FunctionalInterface
  public interface RequestFactory {
    Request.Builder build(HttpUrl dataRoot);
  }

  private final MeteredHttp http;
  private final TokenService tokens;
  private final String apiVersion;

  /**
   * @param apiVersion e.g. 64.0
   */
  public SalesforceApi(MeteredHttp http, TokenService tokens, String apiVersion) {
    this.http = http;
    this.tokens = tokens;
    this.apiVersion = apiVersion;
  }

  /** A REST call whose response body is read as text. */
  public HttpReply call(String endpoint, RequestFactory factory) throws DestinationException {
    return call(
        endpoint,
        factory,
        (status, headers, body) -> new HttpReply(status, body.string(), headers));
  }

  /** A REST call whose response body {@code handler} reads (not called for a 401). */
  public <T> T call(String endpoint, RequestFactory factory, MeteredHttp.ResponseHandler<T> handler)
      throws DestinationException {
    AccessToken token = tokens.current();
    Attempt<T> first = attempt(endpoint, factory, handler, token);
    if (!first.unauthorized()) {
      return first.value();
    }
    tokens.invalidate(token);
    AccessToken fresh = tokens.current();
    Attempt<T> second = attempt(endpoint, factory, handler, fresh);
    if (!second.unauthorized()) {
      return second.value();
    }
    tokens.invalidate(fresh);
    String detail = second.errors().isEmpty() ? "HTTP 401" : second.errors().get(0).describe();
    throw new DestinationException(
        Kind.CREDENTIALS,
        "CredentialsRejected",
        "Salesforce rejected the credentials in Secret "
            + tokens.secretName()
            + ": "
            + detail
            + ", even with a new access token; check that the connected app's user is active,"
            + " has API Enabled and may use the app (the runner tries again)",
        null,
        null);
  }

  private record Attempt<T>(boolean unauthorized, T value, List<SalesforceError> errors) {}

  private <T> Attempt<T> attempt(
      String endpoint,
      RequestFactory factory,
      MeteredHttp.ResponseHandler<T> handler,
      AccessToken token)
      throws DestinationException {
    HttpUrl root =
        token.instanceUrl().newBuilder().encodedPath("/services/data/v" + apiVersion + "/").build();
    Request request =
        factory.build(root).header("Authorization", "Bearer " + token.value()).build();
    return http.send(
        endpoint,
        request,
        (status, headers, body) ->
            status == 401
                ? new Attempt<>(true, null, SalesforceError.parseAll(body.string()))
                : new Attempt<>(false, handler.handle(status, headers, body), List.of()));
  }
}

package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.auth.OAuthException;
import io.serversidesync.sandbox.auth.OAuthFlows;
import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.stats.SandboxStats;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code POST /services/oauth2/token}. */
final class OAuthResource {
  private final OAuthFlows flows;
  private final FaultInjector faults;
  private final ApiUsage usage;
  private final SandboxStats stats;
  private final Supplier<String> baseUrl;

  OAuthResource(
      OAuthFlows flows,
      FaultInjector faults,
      ApiUsage usage,
      SandboxStats stats,
      Supplier<String> baseUrl) {
    this.flows = flows;
    this.faults = faults;
    this.usage = usage;
    this.stats = stats;
    this.baseUrl = baseUrl;
  }

  Response token(Request request) throws IOException, ApiException {
    stats.call(StatsSnapshot.TOKEN_ENDPOINT);
    long delay = faults.latencyMillis();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (usage.countTokenRequests()) {
      usage.requests().consume(1);
    }
    if (!request.method().equals("POST")) {
      return failure(new OAuthException("invalid_request", "must use HTTP POST"));
    }
    Map<String, String> form =
        Request.parseForm(new String(request.body(), StandardCharsets.UTF_8));
    try {
      ObjectNode body = flows.token(form, basicAuth(request), baseUrl.get());
      stats.token("issued");
      stats.status(200);
      return Response.json(200, body);
    } catch (OAuthException e) {
      return failure(e);
    }
  }

  private Response failure(OAuthException e) {
    stats.token(e.error());
    stats.status(400);
    ObjectNode body = Json.object();
    body.put("error", e.error());
    body.put("error_description", e.description());
    return Response.json(400, body);
  }

  /** Client id and secret from {@code Authorization: Basic}, each URL-encoded per RFC 6749. */
  private static Optional<String[]> basicAuth(Request request) {
    return request
        .header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .map(
            h ->
                new String(
                    Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8))
        .filter(s -> s.contains(":"))
        .map(
            s -> {
              int colon = s.indexOf(':');
              return new String[] {
                URLDecoder.decode(s.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(s.substring(colon + 1), StandardCharsets.UTF_8)
              };
            });
  }
}

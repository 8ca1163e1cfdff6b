package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.auth.TokenService;
import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.faults.InjectedFault;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.stats.SandboxStats;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /services/data/vNN.N/…}: the order in which Salesforce answers a data API call — injected
 * latency and faults first (an edge 503 needs no session), then the session, then the daily
 * allocation, then the resource — with {@code Sforce-Limit-Info} on every answer.
 */
public final class DataApi {
  private static final Pattern VERSION = Pattern.compile("v(\\d{1,3}\\.\\d)");
  private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");

  private final Router<ApiCall> router;
  private final TokenService tokens;
  private final FaultInjector faults;
  private final ApiUsage usage;
  private final SandboxStats stats;

  DataApi(
      Router<ApiCall> router,
      TokenService tokens,
      FaultInjector faults,
      ApiUsage usage,
      SandboxStats stats) {
    this.router = router;
    this.tokens = tokens;
    this.faults = faults;
    this.usage = usage;
    this.stats = stats;
  }

  /** Answers a request whose path is {@code /services/data/{versionSegment}/{rest…}}. */
  public Response handle(Request request, String versionSegment, List<String> rest)
      throws IOException {
    Matcher v = VERSION.matcher(versionSegment);
    if (!v.matches() || !VersionsResource.offers(v.group(1))) {
      // Salesforce answers 404 to every call of a version it does not list under /services/data/
      stats.call("unknown");
      return withLimitInfo(error(ApiException.notFound()));
    }
    String version = v.group(1);
    Router.Match<ApiCall> match = router.match(request.method(), rest);
    String name =
        match instanceof Router.Found<ApiCall> f
            ? f.name()
            : match instanceof Router.MethodNotAllowed<ApiCall> m ? m.name() : "unknown";
    stats.call(name);
    try {
      sleep(faults.latencyMillis());
      Optional<InjectedFault> fault = faults.beforeDataCall();
      if (fault.isPresent()) {
        stats.fault(fault.get().name());
        return withLimitInfo(faultResponse(fault.get()));
      }
      String username = authenticate(request);
      if (!usage.requests().tryConsume(1)) {
        throw new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
      }
      ApiCall call = new ApiCall(version, "/services/data/v" + version, username);
      if (match instanceof Router.Found<ApiCall> f) {
        Response response = f.handler().handle(request, f.params(), call);
        if (response.status() < 300 && WRITES.contains(request.method())) {
          Optional<InjectedFault> lost = faults.afterWrite();
          if (lost.isPresent()) {
            stats.fault(lost.get().name() + "_AFTER_WRITE");
            return withLimitInfo(faultResponse(lost.get()));
          }
        }
        return withLimitInfo(response);
      }
      if (match instanceof Router.MethodNotAllowed<ApiCall> m) {
        throw new ApiException(
            405,
            "METHOD_NOT_ALLOWED",
            "HTTP Method '"
                + request.method()
                + "' not allowed. Allowed are "
                + String.join(",", m.allowed()));
      }
      throw ApiException.notFound();
    } catch (ApiException e) {
      return withLimitInfo(error(e));
    }
  }

  private String authenticate(Request request) throws ApiException {
    String header = request.header("Authorization").orElse("");
    String token = null;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else if (header.regionMatches(true, 0, "OAuth ", 0, 6)) {
      token = header.substring(6).trim();
    }
    Optional<String> user = tokens.validate(token);
    if (user.isEmpty()) {
      throw invalidSession();
    }
    if (faults.tokenExpiresNow()) {
      stats.fault("TOKEN_EXPIRED");
      tokens.revokeAll();
      throw invalidSession();
    }
    return user.get();
  }

  static ApiException invalidSession() {
    return new ApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
  }

  static Response error(ApiException e) {
    Response r = Response.json(e.status(), e.body());
    e.headers().forEach(r::header);
    return r;
  }

  private Response withLimitInfo(Response r) {
    stats.status(r.status());
    return r.header("Sforce-Limit-Info", usage.limitInfoHeader());
  }

  private Response faultResponse(InjectedFault fault) {
    return switch (fault) {
      case SERVICE_UNAVAILABLE_HTML ->
          Response.text(
              503,
              "text/html;charset=UTF-8",
              "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body>"
                  + "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your"
                  + " request due to maintenance downtime or capacity problems. Please try again"
                  + " later.</p></body></html>\n");
      case SERVICE_UNAVAILABLE_JSON ->
          error(new ApiException(503, "SERVER_UNAVAILABLE", "Server too busy"));
      case INTERNAL_ERROR ->
          error(
              new ApiException(
                  500,
                  "UNKNOWN_EXCEPTION",
                  "An unexpected error occurred. Please include this ErrorId if you contact support:"
                      + " 1234567890-12345 (-1234567890)"));
      case RATE_LIMITED -> {
        int seconds = faults.retryAfterSeconds();
        yield error(
                new ApiException(
                    429,
                    "REQUEST_LIMIT_EXCEEDED",
                    "Too many requests. Retry after " + seconds + " seconds."))
            .header("Retry-After", Integer.toString(seconds));
      }
    };
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code GET /services/data/vNN.N}: the resources of a version. */
  static Response resources(ApiCall c) {
    ObjectNode body = Json.object();
    for (String r : List.of("jobs", "limits", "query", "queryAll", "sobjects", "composite")) {
      body.put(r, c.basePath() + "/" + (r.equals("jobs") ? "jobs/ingest" : r));
    }
    return Response.json(200, body);
  }
}

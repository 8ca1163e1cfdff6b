package io.serversidesync.sandbox.hubspot.api;

import io.serversidesync.sandbox.faults.FaultInjector;
import io.serversidesync.sandbox.faults.InjectedFault;
import io.serversidesync.sandbox.faults.RateLimitPolicy;
import io.serversidesync.sandbox.http.ApiException;
import io.serversidesync.sandbox.http.HttpServerHost;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.hubspot.auth.HubSpotTokens;
import io.serversidesync.sandbox.hubspot.limits.HubSpotRateLimiter;
import io.serversidesync.sandbox.hubspot.limits.RateLimitVerdict;
import io.serversidesync.sandbox.stats.SandboxStats;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which the sandbox answers a HubSpot call: count it (stats, then the rate limits:
 * every request counts once, refused ones too), injected latency, the limits' 429, injected faults,
 * the token (401), then the resource (which checks the scope, 403). Every answer except search's
 * carries the {@code X-HubSpot-RateLimit-*} headers.
 */
public final class HubSpotApi implements HttpServerHost.Dispatcher {
  public static final String UNKNOWN = "hubspot.unknown";
  private static final Set<String> WRITES =
      Set.of(BatchUpsertResource.NAME, BatchReadArchiveResource.ARCHIVE);

  private final Router<CallContext> router;
  private final CallContext context;
  private final HubSpotTokens tokens;
  private final HubSpotRateLimiter limiter;
  private final FaultInjector faults;
  private final SandboxStats stats;
  private final long appId;

  public HubSpotApi(
      Router<CallContext> router,
      CallContext context,
      HubSpotTokens tokens,
      HubSpotRateLimiter limiter,
      FaultInjector faults,
      SandboxStats stats,
      long appId) {
    this.router = router;
    this.context = context;
    this.tokens = tokens;
    this.limiter = limiter;
    this.faults = faults;
    this.stats = stats;
    this.appId = appId;
  }

  @Override
  public Response dispatch(Request request) throws IOException {
    Router.Match<CallContext> match = router.match(request.method(), request.segments());
    String name =
        match instanceof Router.Found<CallContext> f
            ? f.name()
            : match instanceof Router.MethodNotAllowed<CallContext> m ? m.name() : UNKNOWN;
    stats.call(name);
    boolean search = name.equals(SearchResource.NAME);
    RateLimitVerdict verdict = search ? limiter.countSearch() : limiter.countCall();
    sleep(faults.latencyMillis());
    Response response;
    try {
      response = answer(request, match, name, verdict);
    } catch (HubSpotException e) {
      response = e.response();
    }
    stats.status(response.status());
    if (!search) {
      verdict.state().headers().forEach(response::header);
    }
    return response;
  }

  private Response answer(
      Request request, Router.Match<CallContext> match, String name, RateLimitVerdict verdict)
      throws HubSpotException, IOException {
    if (verdict.exceeded().isPresent()) {
      stats.fault("hubspot.limit." + verdict.exceeded().get().name());
      throw HubSpotErrors.rateLimited(verdict.exceeded().get(), appId);
    }
    Optional<InjectedFault> fault = faults.beforeDataCall();
    if (fault.isPresent()) {
      stats.fault("hubspot." + fault.get().name());
      return injected(fault.get());
    }
    if (!tokens.accepts(request.header("Authorization").orElse(null))) {
      throw HubSpotErrors.unauthenticated();
    }
    if (match instanceof Router.Found<CallContext> f) {
      Response response;
      try {
        response = f.handler().handle(request, f.params(), context);
      } catch (ApiException e) {
        throw HubSpotErrors.error(e.status(), "VALIDATION_ERROR", e.getMessage());
      }
      if (response.status() < 300 && WRITES.contains(name)) {
        Optional<InjectedFault> lost = faults.afterWrite();
        if (lost.isPresent()) {
          stats.fault("hubspot." + lost.get().name() + "_AFTER_WRITE");
          return injected(lost.get());
        }
      }
      return response;
    }
    if (match instanceof Router.MethodNotAllowed<CallContext> m) {
      throw HubSpotErrors.error(
          405,
          "VALIDATION_ERROR",
          "HTTP method " + request.method() + " is not allowed; use " + m.allowed());
    }
    throw HubSpotErrors.notFound();
  }

  /**
   * An injected fault as HubSpot would answer it: 502 and 504 from its edge (JSON), 500 from the
   * service, 429 with the policy the fault settings name.
   */
  private Response injected(InjectedFault fault) {
    return switch (fault) {
      case SERVICE_UNAVAILABLE_HTML ->
          HubSpotErrors.error(
                  504,
                  "GATEWAY_TIMEOUT",
                  "The request timed out at the gateway; the processing limit was reached.")
              .response();
      case SERVICE_UNAVAILABLE_JSON ->
          HubSpotErrors.error(502, "BAD_GATEWAY", "Bad gateway: the service did not answer.")
              .response();
      case INTERNAL_ERROR ->
          HubSpotErrors.error(500, "INTERNAL_ERROR", "internal error").response();
      case RATE_LIMITED -> {
        RateLimitPolicy policy = faults.settings().rateLimitPolicy();
        yield HubSpotErrors.rateLimited(policy, appId).response();
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
}

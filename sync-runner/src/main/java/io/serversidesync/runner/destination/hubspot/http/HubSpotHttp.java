package io.serversidesync.runner.destination.hubspot.http;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one request to HubSpot through the sync's {@link RateLimiter} with the private app token,
 * reports it as an API call, feeds the daily usage of the rate-limit headers to the limiter, and
 * turns answers that are not the caller's business into exceptions:
 *
 * <ul>
 *   <li>network errors and 5xx: TRANSIENT (HubSpot asks to pause a few seconds on 502/504);
 *   <li>429: THROTTLED until the limit's window passes ({@link ThrottleWindows}); the limiter holds
 *       every other request until then too;
 *   <li>401: CREDENTIALS naming the Secret and key; 403 MISSING_SCOPES: CREDENTIALS naming the
 *       scope (both are fixed without touching the manifest, so the runner waits and tries again).
 * </ul>
 *
 * <p>A response whose burst window has no request left holds the next request back for the window,
 * so the runner slows down before HubSpot refuses anything (HubSpot asks integrations to keep error
 * responses under 5 % of their daily calls).
 */
public final class HubSpotHttp {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_MESSAGE_CHARS = 300;

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final PrivateAppToken token;
  private final RateLimiter limiter;
  private final DestinationTelemetry telemetry;
  private final TimeSource time;
  private final AtomicReference<ThrottleWindows> windows =
      new AtomicReference<>(new ThrottleWindows(java.time.ZoneOffset.UTC));

  /** The connection and accounting every request shares. */
  public record Wiring(
      OkHttpClient client,
      HttpUrl baseUrl,
      PrivateAppToken token,
      RateLimiter limiter,
      DestinationTelemetry telemetry,
      TimeSource time) {}

  public HubSpotHttp(Wiring wiring) {
    this.client = wiring.client();
    this.baseUrl = wiring.baseUrl();
    this.token = wiring.token();
    this.limiter = wiring.limiter();
    this.telemetry = wiring.telemetry();
    this.time = wiring.time();
  }

  /** The account's time zone is known: DAILY limits last until its midnight. */
  public void accountZone(java.time.ZoneId zone) {
    windows.set(new ThrottleWindows(zone));
  }

  /** When HubSpot resets the daily allocation next, in the account's time zone. */
  public Instant nextDailyReset() {
    return windows.get().nextMidnight(time.now());
  }

  /** GET {@code path} (relative to the base URL, e.g. crm/v3/properties/contacts). */
  public HubSpotReply get(String endpoint, String path) throws DestinationException {
    return send(endpoint, new Request.Builder().url(url(path)).get());
  }

  /** POST a JSON body to {@code path}. */
  public HubSpotReply post(String endpoint, String path, String json) throws DestinationException {
    return send(
        endpoint, new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON)));
  }

  private HttpUrl url(String path) {
    HttpUrl url = baseUrl.resolve(path.startsWith("/") ? path : "/" + path);
    if (url == null) {
      throw new IllegalArgumentException("not a path: " + path);
    }
    return url;
  }

  private HubSpotReply send(String endpoint, Request.Builder request) throws DestinationException {
    String bearer = token.current();
    RateLimiter.Permit permit = acquire(endpoint);
    long sent = System.nanoTime();
    try (permit) {
      try (Response response =
          client
              .newCall(
                  request
                      .header("Authorization", "Bearer " + bearer)
                      .header("Accept", "application/json")
                      .build())
              .execute()) {
        int status = response.code();
        telemetry.apiCall(endpoint, status);
        telemetry.apiCallTook(endpoint, Duration.ofNanos(System.nanoTime() - sent));
        RateLimitHeaders limits = RateLimitHeaders.of(response.headers());
        observe(limits);
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        if (status == 429 || status == 401 || status == 403 || status >= 500) {
          throw refusal(endpoint, status, limits, text);
        }
        limiter.succeeded();
        if (limits.burstSpent()) {
          limiter.pauseUntil(
              time.now().plus(limits.interval().orElse(ThrottleWindows.DEFAULT_BURST_INTERVAL)),
              "HubSpot's burst window has no request left (" + endpoint + ")");
        }
        return new HubSpotReply(status, text, limits);
      } catch (IOException e) {
        telemetry.apiCall(endpoint, 0);
        telemetry.apiCallTook(endpoint, Duration.ofNanos(System.nanoTime() - sent));
        throw new DestinationException(
            Kind.TRANSIENT,
            "HubSpotUnreachable",
            "HubSpot did not answer ("
                + endpoint
                + "): "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
            null,
            e);
      }
    }
  }

  private void observe(RateLimitHeaders limits) {
    if (limits.dailyUsed().isPresent()) {
      long used = limits.dailyUsed().getAsLong();
      long max = limits.daily().getAsLong();
      limiter.observeUsage(used, max);
      telemetry.quota(used, max);
    }
  }

  private DestinationException refusal(
      String endpoint, int status, RateLimitHeaders limits, String body) {
    Optional<HubSpotError> error = HubSpotError.parse(body);
    String detail =
        shorten(
            "HTTP "
                + status
                + error.map(e -> " " + e.describe()).filter(s -> !s.isBlank()).orElse(""));
    if (status == 429) {
      return throttled(endpoint, limits, error, detail);
    }
    if (status == 401) {
      token.refused();
      return new DestinationException(
          Kind.CREDENTIALS,
          "CredentialsRejected",
          "HubSpot refused the private app token in "
              + token.describe()
              + " ("
              + detail
              + "). Put a valid token of the private app there (HubSpot: Settings → Integrations"
              + " → Private apps → Auth); the runner reads the Secret again and retries.");
    }
    if (status == 403) {
      String scopes =
          error
              .map(e -> String.join(" or ", e.requiredScopes()))
              .filter(s -> !s.isEmpty())
              .orElse(null);
      return new DestinationException(
          Kind.CREDENTIALS,
          "ScopeMissing",
          scopes == null
              ? "HubSpot refused "
                  + endpoint
                  + " ("
                  + detail
                  + "): the private app in "
                  + token.describe()
                  + " may not do this; check its scopes"
              : "the private app in "
                  + token.describe()
                  + " lacks the scope "
                  + scopes
                  + " that "
                  + endpoint
                  + " needs. Add it to the app's scopes in HubSpot (Settings → Integrations →"
                  + " Private apps → Scopes); the runner retries.");
    }
    // 5xx: the body may be a gateway's HTML page; never assume JSON.
    Instant retryAt = null;
    if (status == 502 || status == 504) {
      retryAt = limiter.pauseUntil(time.now().plusSeconds(2), "HubSpot is busy (" + detail + ")");
    }
    return new DestinationException(
        Kind.TRANSIENT,
        "HubSpotUnavailable",
        "HubSpot answered " + detail + " (" + endpoint + ")",
        retryAt,
        null);
  }

  private DestinationException throttled(
      String endpoint, RateLimitHeaders limits, Optional<HubSpotError> error, String detail) {
    Optional<ThrottleWindows.Policy> policy =
        error.flatMap(e -> ThrottleWindows.Policy.named(e.policyName()));
    Instant now = time.now();
    if (policy.isPresent() && policy.get() == ThrottleWindows.Policy.DAILY) {
      Instant midnight = windows.get().resumeAt(policy.get(), now, limits.interval());
      String why =
          "the HubSpot account's daily API allocation is spent ("
              + detail
              + "); it resets at midnight in the account's time zone, "
              + midnight;
      return new DestinationException(
          Kind.THROTTLED, "DailyQuotaSpent", why, limiter.pauseUntil(midnight, why), null);
    }
    String why =
        "HubSpot asked to slow down ("
            + endpoint
            + ": "
            + detail
            + policy.map(p -> "; limit " + p.name()).orElse("")
            + ")";
    Instant until =
        policy.isPresent()
            ? limiter.pauseUntil(windows.get().resumeAt(policy.get(), now, limits.interval()), why)
            : limiter.backOff(why);
    return new DestinationException(Kind.THROTTLED, "RateLimited", why, until, null);
  }

  private RateLimiter.Permit acquire(String endpoint) throws DestinationException {
    try {
      return limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(
          Kind.TRANSIENT,
          "Interrupted",
          "stopped while waiting to send a HubSpot request (" + endpoint + ")",
          null,
          e);
    }
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}

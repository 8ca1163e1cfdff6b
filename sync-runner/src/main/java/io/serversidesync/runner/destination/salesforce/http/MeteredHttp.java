package io.serversidesync.runner.destination.salesforce.http;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.ratelimit.RateLimiter;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one HTTP request to Salesforce through the sync's {@link RateLimiter}, reports it as an API
 * call, feeds the reported org usage back to the limiter, and turns answers that say "not now" into
 * exceptions: network errors and 5xx (JSON or not) into TRANSIENT, 429 and {@code
 * REQUEST_LIMIT_EXCEEDED} into THROTTLED with the time to try again (the limiter holds every other
 * request until then too). Everything else goes to the caller.
 */
public final class MeteredHttp {

  /** Reads the body of a response the transport did not handle itself. */
  @FunctionalInterface
  public interface ResponseHandler<T> {
    T handle(int status, Headers headers, ResponseBody body) throws IOException;
  }

  private static final int MAX_MESSAGE_CHARS = 300;

  private final OkHttpClient client;
  private final RateLimiter limiter;
  private final DestinationTelemetry telemetry;
  private final TimeSource time;

  public MeteredHttp(
      OkHttpClient client, RateLimiter limiter, DestinationTelemetry telemetry, TimeSource time) {
    this.client = client;
    this.limiter = limiter;
    this.telemetry = telemetry;
    this.time = time;
  }

  /** Sends a request and returns the response with its body as text. */
  public HttpReply send(String endpoint, Request request) throws DestinationException {
    return send(
        endpoint,
        request,
        (status, headers, body) -> new HttpReply(status, body.string(), headers));
  }

  /**
   * Sends a request and lets {@code handler} read the response, unless it is a network error, a 5xx
   * or a rate-limit answer.
   *
   * @param endpoint short name for telemetry, e.g. collections-upsert
   */
  public <T> T send(String endpoint, Request request, ResponseHandler<T> handler)
      throws DestinationException {
    RateLimiter.Permit permit = acquire(endpoint);
    long sent = System.nanoTime();
    try {
      try (Response response = client.newCall(request).execute()) {
        int status = response.code();
        telemetry.apiCall(endpoint, status);
        telemetry.apiCallTook(endpoint, Duration.ofNanos(System.nanoTime() - sent));
        LimitInfo.parse(response.header(LimitInfo.HEADER))
            .ifPresent(
                usage -> {
                  limiter.observeUsage(usage.used(), usage.max());
                  telemetry.quota(usage.used(), usage.max());
                });
        if (status == 429 || status == 403 || status >= 500) {
          String body = response.body() == null ? "" : response.body().string();
          rejectIfNotNow(endpoint, response, body);
          return handler.handle(status, response.headers(), ResponseBody.create(body, null));
        }
        if (status >= 200 && status < 300) {
          limiter.succeeded();
        }
        return handler.handle(status, response.headers(), response.body());
      } catch (IOException e) {
        telemetry.apiCall(endpoint, 0);
        telemetry.apiCallTook(endpoint, Duration.ofNanos(System.nanoTime() - sent));
        throw new DestinationException(
            Kind.TRANSIENT,
            "SalesforceUnreachable",
            "Salesforce did not answer ("
                + endpoint
                + "): "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
            null,
            e);
      }
    } finally {
      permit.close();
    }
  }

  private RateLimiter.Permit acquire(String endpoint) throws DestinationException {
    try {
      return limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(
          Kind.TRANSIENT,
          "Interrupted",
          "stopped while waiting to send a Salesforce request (" + endpoint + ")",
          null,
          e);
    }
  }

  private void rejectIfNotNow(String endpoint, Response response, String body)
      throws DestinationException {
    int status = response.code();
    Instant now = time.now();
    Optional<Instant> retryAfter = RetryAfter.parse(response.header("Retry-After"), now);
    List<SalesforceError> errors = SalesforceError.parseAll(body);
    String detail =
        errors.isEmpty()
            ? "HTTP " + status + (response.message().isEmpty() ? "" : " " + response.message())
            : "HTTP " + status + " " + errors.get(0).describe();
    detail = shorten(detail);
    if (status == 429) {
      String why = "Salesforce asked to slow down (" + endpoint + ": " + detail + ")";
      Instant until =
          retryAfter.isPresent() ? limiter.pauseUntil(retryAfter.get(), why) : limiter.backOff(why);
      throw new DestinationException(Kind.THROTTLED, "RateLimited", why, until, null);
    }
    if (status == 403) {
      Optional<SalesforceError> limit =
          errors.stream().filter(e -> e.code().equals("REQUEST_LIMIT_EXCEEDED")).findFirst();
      if (limit.isEmpty()) {
        return;
      }
      String message = limit.get().message();
      boolean concurrency = message.toLowerCase(Locale.ROOT).contains("concurrent");
      String why =
          concurrency
              ? "Salesforce refused a concurrent request (" + detail + ")"
              : "the org's daily API allocation is spent (" + detail + ")";
      Instant until;
      if (retryAfter.isPresent()) {
        until = limiter.pauseUntil(retryAfter.get(), why);
      } else if (concurrency) {
        until = limiter.backOff(why);
      } else {
        until = limiter.orgAllocationSpent();
      }
      throw new DestinationException(
          Kind.THROTTLED, concurrency ? "RateLimited" : "DailyQuotaSpent", why, until, null);
    }
    // 5xx: the body may be an HTML maintenance page; never assume JSON.
    Instant retryAt = null;
    if (retryAfter.isPresent()) {
      retryAt = limiter.pauseUntil(retryAfter.get(), "Salesforce is unavailable (" + detail + ")");
    }
    throw new DestinationException(
        Kind.TRANSIENT,
        "SalesforceUnavailable",
        "Salesforce answered " + detail + " (" + endpoint + ")",
        retryAt,
        null);
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}

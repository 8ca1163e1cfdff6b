package io.serversidesync.runner.destination.ratelimit;

import io.serversidesync.api.v1alpha1.RateLimitSpec;
import java.time.Duration;

/**
 * The limits of one sync.
 *
 * @param requestsPerSecond steady request rate; also the burst (one second's worth)
 * @param maxConcurrent most requests in flight
 * @param dailyQuotaShare fraction (0, 1] of the org's rolling 24-hour allocation this sync may use
 * @param probeInterval when the whole org's allocation is spent, how often one request is let
 *     through to learn whether capacity is back (the destination reports usage on every response)
 * @param recheckInterval longest single sleep while throttled, so that fresh usage figures or a
 *     shorter pause take effect soon
 */
public record RateLimitSettings(
    double requestsPerSecond,
    int maxConcurrent,
    double dailyQuotaShare,
    Duration probeInterval,
    Duration recheckInterval) {

  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(1);

  public RateLimitSettings {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
    if (!(dailyQuotaShare > 0 && dailyQuotaShare <= 1)) {
      throw new IllegalArgumentException("dailyQuotaShare must be in (0, 1]");
    }
    if (probeInterval.isNegative() || probeInterval.isZero()) {
      throw new IllegalArgumentException("probeInterval must be positive");
    }
    if (recheckInterval.isNegative() || recheckInterval.isZero()) {
      throw new IllegalArgumentException("recheckInterval must be positive");
    }
  }

  /** The settings of spec.rateLimit, with the default probe and recheck intervals. */
  public static RateLimitSettings from(RateLimitSpec spec) {
    return new RateLimitSettings(
        spec.getRequestsPerSecond(),
        spec.getMaxConcurrent(),
        parsePercent(spec.getDailyQuotaShare()),
        DEFAULT_PROBE_INTERVAL,
        DEFAULT_RECHECK_INTERVAL);
  }

  /** Parses "20%" to 0.2. */
  static double parsePercent(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (!trimmed.matches("[0-9]{1,3}%")) {
      throw new IllegalArgumentException(
          "spec.rateLimit.dailyQuotaShare \"" + text + "\" is not a percentage like 20%");
    }
    int percent = Integer.parseInt(trimmed.substring(0, trimmed.length() - 1));
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException(
          "spec.rateLimit.dailyQuotaShare must be between 1% and 100%, not " + text);
    }
    return percent / 100.0;
  }

  public RateLimitSettings withProbeInterval(Duration interval) {
    return new RateLimitSettings(
        requestsPerSecond, maxConcurrent, dailyQuotaShare, interval, recheckInterval);
  }
}

package io.serversidesync.sandbox.hubspot.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits as a response reports them in its {@code X-HubSpot-RateLimit-*} headers.
 *
 * @param burstMax requests allowed per rolling interval
 * @param burstRemaining requests left in the current interval
 * @param dailyLimit requests allowed per account day
 * @param dailyRemaining requests left today
 */
public record RateLimitState(
    int burstMax, long burstRemaining, long dailyLimit, long dailyRemaining) {

  /** The burst interval HubSpot reports. */
  public static final long INTERVAL_MILLIS = 10_000;

  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-HubSpot-RateLimit-Daily", Long.toString(dailyLimit));
    h.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(dailyRemaining));
    h.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(INTERVAL_MILLIS));
    h.put("X-HubSpot-RateLimit-Max", Integer.toString(burstMax));
    h.put("X-HubSpot-RateLimit-Remaining", Long.toString(burstRemaining));
    return h;
  }
}

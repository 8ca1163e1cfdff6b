package io.serversidesync.runner.destination.hubspot.http;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.Headers;

/**
 * The {@code X-HubSpot-RateLimit-*} headers of one response: the account's daily allocation and
 * what is left of it, and the app's burst window. Each part is present only when its headers are
 * (daily figures are not sent for OAuth-authorized calls; search responses carry none).
 *
 * @param daily the daily allocation, or empty
 * @param dailyRemaining what is left of it today, or empty
 * @param interval the burst window's length, or empty
 * @param max requests allowed per burst window, or empty
 * @param remaining requests left in the current burst window, or empty
 */
public record RateLimitHeaders(
    OptionalLong daily,
    OptionalLong dailyRemaining,
    Optional<Duration> interval,
    OptionalLong max,
    OptionalLong remaining) {

  static final String DAILY = "X-HubSpot-RateLimit-Daily";
  static final String DAILY_REMAINING = "X-HubSpot-RateLimit-Daily-Remaining";
  static final String INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";
  static final String MAX = "X-HubSpot-RateLimit-Max";
  static final String REMAINING = "X-HubSpot-RateLimit-Remaining";

  /** The figures of a response's headers; unparsable values count as absent. */
  public static RateLimitHeaders of(Headers headers) {
    OptionalLong intervalMillis = number(headers.get(INTERVAL));
    return new RateLimitHeaders(
        number(headers.get(DAILY)),
        number(headers.get(DAILY_REMAINING)),
        intervalMillis.isPresent() && intervalMillis.getAsLong() > 0
            ? Optional.of(Duration.ofMillis(intervalMillis.getAsLong()))
            : Optional.empty(),
        number(headers.get(MAX)),
        number(headers.get(REMAINING)));
  }

  /** Daily calls used so far by every app of the account, when both daily headers came. */
  public OptionalLong dailyUsed() {
    if (daily.isEmpty() || dailyRemaining.isEmpty() || daily.getAsLong() <= 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, daily.getAsLong() - dailyRemaining.getAsLong()));
  }

  /** Whether the burst window has no request left: the next one would be refused. */
  public boolean burstSpent() {
    return remaining.isPresent() && remaining.getAsLong() <= 0;
  }

  private static OptionalLong number(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}

package io.serversidesync.runner.destination.hubspot.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a HubSpot rate limit holds requests back, by the 429's {@code policyName}. HubSpot sends
 * no Retry-After (unverified either way; this never needs one): the rolling burst window frees
 * within its interval, the per-second search limit within a second, and the daily allocation at
 * midnight in the account's time zone. A pure decision, tested on its own.
 *
 * @param accountZone the account's time zone (account-info), UTC until it is known
 */
public record ThrottleWindows(ZoneId accountZone) {

  /** The length of HubSpot's burst window when a response does not say. */
  public static final Duration DEFAULT_BURST_INTERVAL = Duration.ofSeconds(10);

  /** A limit HubSpot names. */
  public enum Policy {
    TEN_SECONDLY_ROLLING,
    SECONDLY,
    DAILY;

    /** The policy a 429 names, or empty when it names none this runner knows. */
    public static Optional<Policy> named(String policyName) {
      for (Policy policy : values()) {
        if (policy.name().equals(policyName.toUpperCase(Locale.ROOT).trim())) {
          return Optional.of(policy);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * When requests may go again after a 429 of {@code policy}.
   *
   * @param burstInterval the burst window the response's headers declared, if any
   */
  public Instant resumeAt(Policy policy, Instant now, Optional<Duration> burstInterval) {
    return switch (policy) {
      case TEN_SECONDLY_ROLLING -> now.plus(burstInterval.orElse(DEFAULT_BURST_INTERVAL));
      case SECONDLY -> now.plusSeconds(1);
      case DAILY -> nextMidnight(now);
    };
  }

  /** The next midnight in the account's time zone: when HubSpot resets the daily allocation. */
  public Instant nextMidnight(Instant now) {
    LocalDate today = now.atZone(accountZone).toLocalDate();
    return today.plusDays(1).atStartOfDay(accountZone).toInstant();
  }
}

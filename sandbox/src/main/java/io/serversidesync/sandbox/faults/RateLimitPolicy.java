package io.serversidesync.sandbox.faults;

/** HubSpot's {@code policyName} values of a 429 answer. */
public enum RateLimitPolicy {
  /** The per-app burst limit over a rolling 10 seconds (observed name). */
  TEN_SECONDLY_ROLLING,
  /** The per-second limit (documented; the search endpoints' 5 requests per second). */
  SECONDLY,
  /** The per-account daily limit (documented). */
  DAILY
}

package io.serversidesync.runner.destination;

import java.time.Instant;

/**
 * How a destination tells the runner what it spends and waits for. The runner turns these into
 * /status counters, the Throttled phase and Micrometer metrics; the destination never needs to know
 * about either.
 */
public interface DestinationTelemetry {

  /**
   * One HTTP request that counts against the destination's API allocation (every data call and
   * token request; not free endpoints such as Salesforce's Versions resource).
   *
   * @param endpoint short name, e.g. collections-upsert, bulk-create, query, oauth-token
   * @param httpStatus the response status, or 0 when no response arrived
   */
  void apiCall(String endpoint, int httpStatus);

  /** How long one {@link #apiCall} took, from sending the request to reading the response. */
  default void apiCallTook(String endpoint, java.time.Duration took) {}

  /** The destination reported its daily API allocation: {@code used} of {@code max} calls. */
  default void quota(long used, long max) {}

  /**
   * The fraction (0, 1] of the daily allocation this sync may use, as configured: reported once, so
   * that the quota used can be shown against it.
   */
  default void quotaShare(double share) {}

  /** A record or request is tried again; {@code code} says why, e.g. UNABLE_TO_LOCK_ROW or 503. */
  void retried(String code);

  /** Writes are paused by a rate limit or the daily quota until about {@code until}. */
  void throttled(Instant until, String why);

  /** Writes go on after a {@link #throttled} pause. */
  void resumed();

  /** Discards everything (tests and tools). */
  DestinationTelemetry NOOP =
      new DestinationTelemetry() {
        @Override
        public void apiCall(String endpoint, int httpStatus) {}

        @Override
        public void retried(String code) {}

        @Override
        public void throttled(Instant until, String why) {}

        @Override
        public void resumed() {}
      };
}

package io.serversidesync.sandbox.hubspot;

import io.serversidesync.sandbox.hubspot.limits.RateLimitState;
import io.serversidesync.sandbox.hubspot.schema.HubSpotSchema;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HubSpot side door for tests and the admin API: no token, no rate limits, no faults, not
 * counted.
 */
public interface HubSpotControl {
  HubSpotSchema schema();

  /** Every live record of an object type (plural name or type id), by id ascending. */
  List<HubSpotRecord> records(String objectType);

  /**
   * Edits a record as a HubSpot user would: validates the values (text, as typed), bumps the
   * last-modified date, creates the record when no record has {@code idProperty} = {@code id}.
   *
   * @throws IllegalArgumentException for an unknown object or property, a refused value or a unique
   *     value another record holds
   */
  HubSpotRecord editAsUser(
      String objectType, String idProperty, String id, Map<String, String> properties);

  /** Accepts {@code token} (and no other) with exactly {@code scopes}. */
  void setToken(String token, Set<String> scopes);

  String token();

  Set<String> scopes();

  /** The token stops working until {@link #setToken} or a reset. */
  void revokeToken();

  /** Sets today's count toward the daily limit. */
  void setDailyUsage(long used);

  long dailyUsage();

  /** The limits as the next response's headers would report them (without counting a call). */
  RateLimitState rateLimits();

  /** Removes records, forgets usage, restores the configured token and scopes. */
  void reset();
}

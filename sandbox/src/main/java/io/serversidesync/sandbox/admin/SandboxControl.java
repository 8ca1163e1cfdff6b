package io.serversidesync.sandbox.admin;

import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.hubspot.HubSpotControl;
import io.serversidesync.sandbox.quota.ApiUsage;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import io.serversidesync.sandbox.store.RecordStore;
import io.serversidesync.sandbox.store.SandboxClock;

/** What the admin endpoints (and embedding tests) may steer. */
public interface SandboxControl {
  FaultSettings faultSettings();

  void setFaults(FaultSettings settings);

  /** Every access token issued so far becomes invalid (the next data call gets 401). */
  void revokeAccessTokens();

  /** Every refresh token becomes invalid (refresh-token grants get invalid_grant). */
  void revokeRefreshTokens();

  /** The next {@code calls} data API calls are answered 429. */
  void startRateLimitBurst(int calls);

  StatsSnapshot stats();

  ApiUsage usage();

  SandboxClock clock();

  RecordStore store();

  /** The HubSpot side: records, token and scopes, daily usage. */
  HubSpotControl hubSpot();

  /**
   * Removes records, Bulk jobs and query cursors, zeroes stats and own API usage, restores faults;
   * on the HubSpot side removes records, forgets usage and restores the token.
   */
  void reset();
}

package io.serversidesync.sandbox.hubspot;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the HubSpot side of the sandbox starts.
 *
 * @param token the one private-app token accepted
 * @param scopes the token's scopes
 * @param burst requests allowed per rolling 10 s (HubSpot: 100 or 190 by tier)
 * @param dailyLimit requests allowed per calendar day of the account's time zone
 * @param timeZone the account's time zone (the daily limit resets at its midnight)
 * @param portalId the account id {@code /account-info/v3/details} reports
 * @param appId the private app's id, named in the burst limit's {@code groupName}
 */
public record HubSpotSettings(
    String token,
    Set<String> scopes,
    int burst,
    long dailyLimit,
    ZoneId timeZone,
    long portalId,
    long appId) {

  public static final String DEFAULT_TOKEN = "pat-na1-sandbox-token";
  public static final int DEFAULT_BURST = 190;
  public static final long DEFAULT_DAILY_LIMIT = 250_000;
  public static final String DEFAULT_TIME_ZONE = "US/Eastern";
  public static final long DEFAULT_PORTAL_ID = 123_456;
  public static final long DEFAULT_APP_ID = 654_321;
  public static final List<String> DEFAULT_SCOPES =
      List.of(
          "crm.objects.contacts.read",
          "crm.objects.contacts.write",
          "crm.objects.companies.read",
          "crm.objects.companies.write",
          "crm.schemas.contacts.read",
          "crm.schemas.companies.read");

  public HubSpotSettings {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the HubSpot token must not be empty");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("the HubSpot burst limit must be >= 1, got " + burst);
    }
    if (dailyLimit < 0) {
      throw new IllegalArgumentException("the HubSpot daily limit must be >= 0");
    }
    scopes = Set.copyOf(new LinkedHashSet<>(scopes));
  }

  public static HubSpotSettings defaults() {
    return new HubSpotSettings(
        DEFAULT_TOKEN,
        new LinkedHashSet<>(DEFAULT_SCOPES),
        DEFAULT_BURST,
        DEFAULT_DAILY_LIMIT,
        ZoneId.of(DEFAULT_TIME_ZONE),
        DEFAULT_PORTAL_ID,
        DEFAULT_APP_ID);
  }

  public HubSpotSettings withToken(String v) {
    return new HubSpotSettings(v, scopes, burst, dailyLimit, timeZone, portalId, appId);
  }

  public HubSpotSettings withScopes(Set<String> v) {
    return new HubSpotSettings(token, v, burst, dailyLimit, timeZone, portalId, appId);
  }

  public HubSpotSettings withBurst(int v) {
    return new HubSpotSettings(token, scopes, v, dailyLimit, timeZone, portalId, appId);
  }

  public HubSpotSettings withDailyLimit(long v) {
    return new HubSpotSettings(token, scopes, burst, v, timeZone, portalId, appId);
  }

  public HubSpotSettings withTimeZone(ZoneId v) {
    return new HubSpotSettings(token, scopes, burst, dailyLimit, v, portalId, appId);
  }
}

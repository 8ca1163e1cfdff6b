package io.serversidesync.sandbox.hubspot.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.http.Response;
import io.serversidesync.sandbox.http.Router;
import io.serversidesync.sandbox.store.SandboxClock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code GET /account-info/v3/details}: the account's id and time zone. The endpoint is HubSpot's
 * account-info API; that a client reads {@code timeZone} to know when the DAILY limit resets is our
 * choice. It needs no scope.
 */
public final class AccountInfoResource {
  public static final String NAME = "hubspot.account";

  private final long portalId;
  private final ZoneId zone;
  private final SandboxClock clock;

  public AccountInfoResource(long portalId, ZoneId zone, SandboxClock clock) {
    this.portalId = portalId;
    this.zone = zone;
    this.clock = clock;
  }

  public void register(Router<CallContext> router) {
    router.add("GET", "account-info/v3/details", NAME, (r, p, c) -> details());
  }

  private Response details() {
    ZoneOffset offset = zone.getRules().getOffset(clock.now());
    ObjectNode n = Json.object();
    n.put("portalId", portalId);
    n.put("accountType", "STANDARD");
    n.put("timeZone", zone.getId());
    n.put("companyCurrency", "USD");
    n.putArray("additionalCurrencies");
    n.put("utcOffset", offset.getId().equals("Z") ? "+00:00" : offset.getId());
    n.put("utcOffsetMilliseconds", offset.getTotalSeconds() * 1000L);
    n.put("uiDomain", "app.hubspot.com");
    n.put("dataHostingLocation", "na1");
    return Response.json(200, n);
  }
}

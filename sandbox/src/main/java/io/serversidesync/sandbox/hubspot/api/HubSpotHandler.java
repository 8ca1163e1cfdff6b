package io.serversidesync.sandbox.hubspot.api;

import io.serversidesync.sandbox.http.Handler;
import io.serversidesync.sandbox.http.Request;
import io.serversidesync.sandbox.http.Response;
import java.io.IOException;
import java.util.Map;

/**
 * A HubSpot route's handler; {@link #wrap} answers its {@link HubSpotException} as HubSpot does.
 */
@FunctionalInterface
interface HubSpotHandler {
  Response handle(Request request, Map<String, String> params, CallContext context)
      throws HubSpotException, IOException;

  static Handler<CallContext> wrap(HubSpotHandler h) {
    return (r, p, c) -> {
      try {
        return h.handle(r, p, c);
      } catch (HubSpotException e) {
        return e.response();
      }
    };
  }
}

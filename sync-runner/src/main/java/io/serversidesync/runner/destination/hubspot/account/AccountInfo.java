package io.serversidesync.runner.destination.hubspot.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.HubSpotReply;
import io.serversidesync.runner.destination.hubspot.http.RateLimitHeaders;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /account-info/v3/details}, one call: the account's time zone, at whose midnight
 * HubSpot resets the daily allocation, and (from the answer's headers) that allocation. Reading the
 * reset time from this endpoint is this runner's choice: HubSpot documents the reset "at midnight
 * in the account's time zone" and this endpoint's {@code timeZone}, not the two together. When the
 * details cannot be read, UTC stands in and a warning says so.
 */
public final class AccountInfo {

  private static final Logger log = LoggerFactory.getLogger(AccountInfo.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one read learnt.
   *
   * @param zone the account's time zone, empty when HubSpot did not say
   * @param limits the answer's rate-limit headers
   */
  public record Details(Optional<ZoneId> zone, RateLimitHeaders limits) {}

  private final HubSpotHttp http;

  public AccountInfo(HubSpotHttp http) {
    this.http = http;
  }

  /**
   * Reads the details. A refused token (401) is the HTTP layer's CREDENTIALS exception; a refused
   * call (403: HubSpot documents no scope for it, but an app may still be refused it) or a missing
   * endpoint (404) only costs the time zone, so the sync goes on with UTC and a warning rather than
   * stopping on a call it does not need to write.
   */
  public Details read() throws DestinationException {
    HubSpotReply reply;
    try {
      reply = http.get("account-info", "account-info/v3/details");
    } catch (DestinationException e) {
      if (!"ScopeMissing".equals(e.reason())) {
        throw e;
      }
      log.warn(
          "HubSpot refused the account's details ({}); the daily allocation is taken to reset at"
              + " midnight UTC",
          e.getMessage());
      return new Details(Optional.empty(), RateLimitHeaders.of(okhttp3.Headers.of()));
    }
    if (!reply.successful()) {
      log.warn(
          "cannot read the HubSpot account's details (HTTP {}); the daily allocation is taken to"
              + " reset at midnight UTC",
          reply.status());
      return new Details(Optional.empty(), reply.limits());
    }
    return new Details(zone(reply.body()), reply.limits());
  }

  private static Optional<ZoneId> zone(String body) {
    String name = "";
    try {
      JsonNode node = JSON.readTree(body);
      name = node == null ? "" : node.path("timeZone").asText("");
      return name.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(name));
    } catch (IOException | DateTimeException e) {
      log.warn(
          "the HubSpot account's time zone \"{}\" is not one this runner knows ({}); the daily"
              + " allocation is taken to reset at midnight UTC",
          name,
          e.getMessage());
      return Optional.empty();
    }
  }
}

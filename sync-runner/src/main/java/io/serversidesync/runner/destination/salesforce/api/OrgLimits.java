package io.serversidesync.runner.destination.salesforce.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.salesforce.http.HttpReply;
import okhttp3.Request;

/**
 * Reads the org's daily API allocation from {@code GET /limits} (destination-apis.md, "limits and
 * quota"): {@code DailyApiRequests} with {@code Max} and {@code Remaining}, integers in current
 * versions and strings in very old ones. The call itself counts against the allocation (assumed).
 */
public final class OrgLimits {

  public static final String DAILY_API_REQUESTS = "DailyApiRequests";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrgLimits() {}

  /**
   * @param syncShare spec.rateLimit.dailyQuotaShare as a fraction
   * @throws DestinationException CONFIGURATION when the integration user may not read the limits
   *     (it needs "View Setup and Configuration"), TRANSIENT when the answer is not usable
   */
  public static Allocation read(SalesforceApi api, double syncShare) throws DestinationException {
    HttpReply reply =
        api.call("limits", root -> new Request.Builder().url(root.resolve("limits/")).get());
    if (!reply.successful()) {
      String detail =
          reply.errors().isEmpty() ? "HTTP " + reply.status() : reply.errors().get(0).describe();
      throw new DestinationException(
          Kind.CONFIGURATION,
          "LimitsUnreadable",
          "Salesforce refused to show the org's API limits ("
              + detail
              + "); give the integration user the permission View Setup and Configuration, or"
              + " plan without the allocation");
    }
    JsonNode daily = parse(reply.body()).path(DAILY_API_REQUESTS);
    long max = daily.path("Max").asLong(-1);
    long remaining = daily.path("Remaining").asLong(-1);
    if (max <= 0 || remaining < 0) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "Salesforce's /limits answer has no " + DAILY_API_REQUESTS + " with Max and Remaining");
    }
    return new Allocation(DAILY_API_REQUESTS, max, Math.max(0, max - remaining), syncShare);
  }

  private static JsonNode parse(String body) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT, "UnexpectedResponse", "Salesforce's /limits answer is not JSON", null, e);
    }
  }
}

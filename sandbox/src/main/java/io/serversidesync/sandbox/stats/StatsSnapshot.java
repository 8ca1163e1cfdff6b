package io.serversidesync.sandbox.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Counters at one moment.
 *
 * @param calls calls by endpoint name (e.g. {@code composite.sobjects.upsert}, {@code query},
 *     {@code hubspot.batch.upsert})
 * @param statuses responses by HTTP status
 * @param records records by outcome: created, updated, deleted, failed.CODE
 * @param faults injected faults by kind
 * @param tokens token requests by outcome: issued or the OAuth error code
 */
public record StatsSnapshot(
    @JsonProperty("calls") Map<String, Long> calls,
    @JsonProperty("statuses") Map<String, Long> statuses,
    @JsonProperty("records") Map<String, Long> records,
    @JsonProperty("faults") Map<String, Long> faults,
    @JsonProperty("tokens") Map<String, Long> tokens) {

  /** The name under which token endpoint calls are counted. */
  public static final String TOKEN_ENDPOINT = "oauth.token";

  public long calls(String endpoint) {
    return calls.getOrDefault(endpoint, 0L);
  }

  public long records(String outcome) {
    return records.getOrDefault(outcome, 0L);
  }

  /** The prefix of the names under which HubSpot calls are counted. */
  public static final String HUBSPOT_PREFIX = "hubspot.";

  /**
   * Calls to the Salesforce data API (every endpoint under /services/data except the versions
   * list); HubSpot calls are not among them.
   */
  public long dataApiCalls() {
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().equals(TOKEN_ENDPOINT))
        .filter(e -> !e.getKey().startsWith(HUBSPOT_PREFIX))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Calls to the HubSpot API (endpoint names starting {@code hubspot.}), whatever their answer. */
  public long hubSpotCalls() {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().startsWith(HUBSPOT_PREFIX))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}

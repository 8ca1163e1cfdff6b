package io.serversidesync.sandbox.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Counters at one moment.
 *
 * @param calls calls by endpoint name (e.g. {@code composite.sobjects.upsert}, {@code query})
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

  /** Calls to the data API (every endpoint under /services/data except the versions list). */
  public long dataApiCalls() {
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().equals(TOKEN_ENDPOINT))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}

package io.serversidesync.harness.hubspot;

import java.util.Map;
import java.util.TreeMap;

/**
 * The HubSpot calls a sandbox counted, by endpoint name ({@code hubspot.batch.upsert}, {@code
 * hubspot.properties}, …): every HTTP request once, errors and 429s included, as HubSpot counts
 * them toward its limits.
 *
 * @param byEndpoint calls by endpoint name, only the {@code hubspot.*} ones
 */
public record HubSpotCalls(Map<String, Long> byEndpoint) {

  /** The name prefix of the sandbox's HubSpot endpoints. */
  public static final String PREFIX = "hubspot.";

  public static final String UPSERT = "hubspot.batch.upsert";
  public static final String READ = "hubspot.batch.read";
  public static final String ARCHIVE = "hubspot.batch.archive";
  public static final String SEARCH = "hubspot.search";
  public static final String PROPERTIES = "hubspot.properties";
  public static final String ACCOUNT = "hubspot.account";

  public HubSpotCalls {
    byEndpoint = Map.copyOf(byEndpoint);
  }

  /** The HubSpot calls among a sandbox's calls by endpoint (its stats' {@code calls}). */
  public static HubSpotCalls of(Map<String, Long> calls) {
    Map<String, Long> hubspot = new TreeMap<>();
    calls.forEach(
        (name, count) -> {
          if (name.startsWith(PREFIX)) {
            hubspot.put(name, count);
          }
        });
    return new HubSpotCalls(hubspot);
  }

  public long calls(String endpoint) {
    return byEndpoint.getOrDefault(endpoint, 0L);
  }

  /** Every HubSpot call. */
  public long total() {
    return byEndpoint.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The calls a runner makes before it writes: the properties and the account's details. */
  public long preflight() {
    return calls(PROPERTIES) + calls(ACCOUNT);
  }

  /** The calls since {@code before}, endpoint by endpoint. */
  public HubSpotCalls since(HubSpotCalls before) {
    Map<String, Long> delta = new TreeMap<>();
    byEndpoint.forEach((name, count) -> delta.put(name, count - before.calls(name)));
    return new HubSpotCalls(delta);
  }
}

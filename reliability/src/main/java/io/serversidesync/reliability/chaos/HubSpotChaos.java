package io.serversidesync.reliability.chaos;

import io.serversidesync.harness.hubspot.HubSpotCalls;
import io.serversidesync.harness.hubspot.HubSpotRecords;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.verify.DestinationRecords;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import io.serversidesync.sandbox.hubspot.store.HubSpotRecord;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chaos table as HubSpot contacts, upserted by the unique property customer_ref with the
 * sandbox's private app token. The default contact schema has a property of each type the runner
 * converts but a second number: amount stays unmapped (seq is the number, in score).
 */
final class HubSpotChaos implements ChaosDestination {

  static final String OBJECT = "contacts";
  static final String UNIQUE_PROPERTY = "customer_ref";

  private static final Map<String, String> MAPPING = mappingOf();

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public SyncManifest configure(SyncManifest manifest, String url) {
    manifest.hubspot(url, OBJECT, UNIQUE_PROPERTY);
    MAPPING.forEach(manifest::map);
    return manifest;
  }

  @Override
  public SecretsFile credentials(SecretsFile secrets, String clientId, String clientSecret) {
    return secrets.hubSpotToken(HubSpotSettings.DEFAULT_TOKEN);
  }

  @Override
  public Map<String, String> mapping() {
    return MAPPING;
  }

  @Override
  public DestinationRecords records(Sandbox sandbox) {
    return new HubSpotRecords(sandbox.baseUrl()).byProperty(OBJECT, UNIQUE_PROPERTY);
  }

  @Override
  public long maxSeq(Sandbox sandbox) {
    long max = 0;
    // in-process: this is polled every 50 ms while a kill waits for its moment
    for (HubSpotRecord record : sandbox.hubSpot().records(OBJECT)) {
      String score = record.value("score");
      if (score != null && !score.isEmpty()) {
        max = Math.max(max, (long) Double.parseDouble(score));
      }
    }
    return max;
  }

  @Override
  public long apiCalls(StatsSnapshot stats) {
    return stats.hubSpotCalls();
  }

  @Override
  public long writeCalls(StatsSnapshot stats) {
    return stats.calls(HubSpotCalls.UPSERT) + stats.calls(HubSpotCalls.ARCHIVE);
  }

  /** Below the sandbox's burst limit, 190 requests per rolling 10 s. */
  @Override
  public int requestsPerSecond() {
    return 15;
  }

  private static Map<String, String> mappingOf() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ref", UNIQUE_PROPERTY);
    m.put("seq", "score");
    m.put("name", "firstname");
    m.put("active", "vip");
    m.put("due", "birthdate");
    m.put("touched", "last_seen_at");
    m.put("note", "jobtitle");
    return Collections.unmodifiableMap(m);
  }
}

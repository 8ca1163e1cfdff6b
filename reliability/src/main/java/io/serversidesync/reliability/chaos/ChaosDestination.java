package io.serversidesync.reliability.chaos;

import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.verify.DestinationRecords;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.util.Map;

/**
 * Where a chaos run writes the chaos table: the sandbox's Salesforce API ({@link #SALESFORCE}) or
 * its HubSpot API ({@link #HUBSPOT}). Everything else of a run (the writer, the kills, the restart,
 * the outage, the drain) is the same for both.
 */
public interface ChaosDestination {

  ChaosDestination SALESFORCE = new SalesforceChaos();
  ChaosDestination HUBSPOT = new HubSpotChaos();

  /** salesforce or hubspot, as {@code --destination} names it. */
  String name();

  /** The destination's part of the manifest (reached at {@code url}) and the mapping. */
  SyncManifest configure(SyncManifest manifest, String url);

  /** The Secret the destination's part of the manifest names. */
  SecretsFile credentials(SecretsFile secrets, String clientId, String clientSecret);

  /** Chaos table column → destination field or property, key first. */
  Map<String, String> mapping();

  /** Every live record by key, with the destination's own value rule. */
  DestinationRecords records(Sandbox sandbox);

  /** The highest change sequence number a destination record carries (0 when none). */
  long maxSeq(Sandbox sandbox);

  /** The write calls the destination received so far (upserts, deletes, job creations). */
  long writeCalls(StatsSnapshot stats);

  /** The calls to the destination's data API (token requests excluded) the sandbox counted. */
  long apiCalls(StatsSnapshot stats);

  /** The runner's spec.rateLimit.requestsPerSecond: below what the destination allows. */
  int requestsPerSecond();

  /** The destination named {@code name}. */
  static ChaosDestination named(String name) {
    return switch (name) {
      case "salesforce" -> SALESFORCE;
      case "hubspot" -> HUBSPOT;
      default ->
          throw new IllegalArgumentException(
              "the destination is salesforce or hubspot, not " + name);
    };
  }
}

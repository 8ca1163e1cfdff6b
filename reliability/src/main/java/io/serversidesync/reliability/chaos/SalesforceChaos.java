package io.serversidesync.reliability.chaos;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.harness.manifest.SecretsFile;
import io.serversidesync.harness.manifest.SyncManifest;
import io.serversidesync.harness.verify.DestinationRecords;
import io.serversidesync.reliability.workload.ChaosTable;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.math.BigDecimal;
import java.util.Map;

/** The chaos table as the custom object Chaos__c, upserted by Ref__c with client credentials. */
final class SalesforceChaos implements ChaosDestination {

  @Override
  public String name() {
    return "salesforce";
  }

  @Override
  public SyncManifest configure(SyncManifest manifest, String url) {
    manifest.salesforce(url, AuthFlow.ClientCredentials, ChaosTable.OBJECT, ChaosTable.EXTERNAL_ID);
    ChaosTable.MAPPING.forEach(manifest::map);
    return manifest;
  }

  @Override
  public SecretsFile credentials(SecretsFile secrets, String clientId, String clientSecret) {
    return secrets
        .put(SyncManifest.OAUTH_SECRET, "clientId", clientId)
        .put(SyncManifest.OAUTH_SECRET, "clientSecret", clientSecret);
  }

  @Override
  public Map<String, String> mapping() {
    return ChaosTable.MAPPING;
  }

  @Override
  public DestinationRecords records(Sandbox sandbox) {
    return DestinationRecords.salesforce(ChaosTable.records(sandbox));
  }

  @Override
  public long maxSeq(Sandbox sandbox) {
    long max = 0;
    for (Map<String, Object> record : sandbox.records(ChaosTable.OBJECT)) {
      if (record.get("Seq__c") instanceof BigDecimal seq) {
        max = Math.max(max, seq.longValue());
      }
    }
    return max;
  }

  @Override
  public long apiCalls(StatsSnapshot stats) {
    return stats.dataApiCalls();
  }

  @Override
  public long writeCalls(StatsSnapshot stats) {
    return stats.calls("composite.sobjects.upsert")
        + stats.calls("bulk.createJob")
        + stats.calls("composite.sobjects.delete")
        + stats.calls("sobject.upsert");
  }

  @Override
  public int requestsPerSecond() {
    return 20;
  }
}

package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.plan.DeliveryPlanner;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Benchmark group "api" (scripts/bench.d/api.sh): the batch size from which the planner sends a
 * flush through Bulk API 2.0 instead of sObject Collections, and the API calls each path used for a
 * batch of that size against the sandbox. Prints {@code BENCH} lines; exits 1 when a delivery was
 * incomplete (the figures would be meaningless).
 */
public final class ApiCallsBenchmark {

  /** A latency budget long enough for a Bulk job (the default maxDelay of 2 s never allows one). */
  static final Duration BUDGET = Duration.ofMinutes(1);

  private ApiCallsBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (Sandbox sandbox =
        Sandbox.start(SandboxConfig.builder().port(0).dailyApiLimit(10_000_000).build())) {
      RecordingTelemetry telemetry = new RecordingTelemetry();
      SalesforceSettings settings =
          SalesforceSettings.builder()
              .loginUrl(HttpUrl.get(sandbox.baseUrl()))
              .apiVersion("64.0")
              .flow(AuthFlow.ClientCredentials)
              .secretName("sf-oauth")
              .audience("https://login.salesforce.com")
              .object("Contact")
              .externalIdField("Customer_Ref__c")
              .mapping(
                  List.of(
                      new MappedField("spec.mapping[0].field", "Customer_Ref__c"),
                      new MappedField("spec.mapping[1].field", "LastName"),
                      new MappedField("spec.mapping[2].field", "Email")))
              .deletes(DeletePolicy.Ignore)
              .maxRecordsPerCall(200)
              .rateLimit(
                  new RateLimitSettings(
                      1000,
                      4,
                      1.0,
                      RateLimitSettings.DEFAULT_PROBE_INTERVAL,
                      RateLimitSettings.DEFAULT_RECHECK_INTERVAL))
              .bulk(BulkSettings.DEFAULT)
              .bulkProcessingEstimate(SalesforceSettings.DEFAULT_BULK_PROCESSING)
              .connectTimeout(Duration.ofSeconds(10))
              .readTimeout(Duration.ofMinutes(2))
              .build();
      Map<String, String> secret =
          Map.of(
              "clientId", SandboxConfig.DEFAULT_CLIENT_ID,
              "clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET);
      try (SalesforceDestination destination =
          SalesforceDestination.create(
              settings, (name, key) -> secret.get(key), telemetry, TimeSource.SYSTEM)) {
        destination.preflight(List.of("Customer_Ref__c", "LastName", "Email"));
        DeliveryPlanner planner = new DeliveryPlanner(destination.deliveryPaths(), null);
        int crossover = planner.crossover(BUDGET, 1_000_000);
        if (crossover < 0) {
          System.err.println("the planner never chose Bulk API 2.0 up to 1,000,000 records");
          System.exit(1);
        }
        DeliveryPath below = planner.choose(crossover - 1, BUDGET);
        DeliveryPath at = planner.choose(crossover, BUDGET);
        long collectionsCalls =
            deliver(destination, telemetry, destination.deliveryPaths().get(0), "C-", crossover);
        long bulkCalls =
            deliver(destination, telemetry, destination.deliveryPaths().get(1), "B-", crossover);
        int stored = sandbox.records("Contact").size();
        if (stored != 2 * crossover) {
          System.err.printf("the sandbox holds %d records, expected %d%n", stored, 2 * crossover);
          System.exit(1);
        }
        System.out.printf(
            "planner: %s below %d records, %s from %d (latency budget %ds)%n",
            below.name(), crossover, at.name(), crossover, BUDGET.toSeconds());
        System.out.println("BENCH bulk_crossover_records " + crossover + " records");
        System.out.println("BENCH bulk_crossover_collections_calls " + collectionsCalls + " calls");
        System.out.println("BENCH bulk_crossover_bulk_calls " + bulkCalls + " calls");
        System.out.println(
            "BENCH bulk_crossover_bulk_calls_modelled "
                + destination.deliveryPaths().get(1).estimatedCalls(crossover)
                + " calls");
      }
    }
  }

  /** Delivers {@code count} new contacts along {@code path}; returns the API calls it took. */
  private static long deliver(
      SalesforceDestination destination,
      RecordingTelemetry telemetry,
      DeliveryPath path,
      String prefix,
      int count)
      throws Exception {
    List<DestinationRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("Customer_Ref__c", prefix + i);
      fields.put("LastName", "Name " + i);
      fields.put("Email", "c" + i + "@example.com");
      records.add(new DestinationRecord(prefix + i, fields));
    }
    int before = telemetry.calls().size();
    WriteResult result = destination.write(path, WriteOperation.UPSERT, records);
    long failed = result.outcomes().stream().filter(o -> !(o instanceof RecordOutcome.Ok)).count();
    if (failed > 0) {
      System.err.printf("%d of %d records failed on the %s path%n", failed, count, path.name());
      System.exit(1);
    }
    List<String> calls = telemetry.calls().subList(before, telemetry.calls().size());
    System.out.printf("%s path, %d records: %s%n", path.name(), count, calls);
    return calls.size();
  }
}

package io.serversidesync.runner.destination.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.WriteOperation;
import io.serversidesync.runner.destination.WriteResult;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.faults.FaultSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The destination against the real sandbox (an HTTP server speaking the Salesforce APIs): the "bad
 * input and faults" of issue 5, plus both delivery paths end to end.
 */
@Tag("integration")
class SalesforceSandboxIT {

  private static Sandbox sandbox;

  private final Map<String, String> secret = new ConcurrentHashMap<>();
  private final RecordingTelemetry telemetry = new RecordingTelemetry();
  private final List<SalesforceDestination> destinations = new ArrayList<>();

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.builder().port(0).dailyApiLimit(1_000_000).build());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void credentials() {
    sandbox.reset();
    secret.put("clientId", SandboxConfig.DEFAULT_CLIENT_ID);
    secret.put("clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET);
  }

  @AfterEach
  void closeDestinations() {
    destinations.forEach(SalesforceDestination::close);
  }

  private SalesforceSettings settings(List<String> fields, Duration probeInterval) {
    List<MappedField> mapping = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      mapping.add(new MappedField("spec.mapping[" + i + "].field", fields.get(i)));
    }
    return SalesforceSettings.builder()
        .loginUrl(HttpUrl.get(sandbox.baseUrl()))
        .apiVersion("64.0")
        .flow(AuthFlow.ClientCredentials)
        .secretName("sf-oauth")
        .audience("https://login.salesforce.com")
        .object("Contact")
        .externalIdField("Customer_Ref__c")
        .mapping(mapping)
        .deletes(DeletePolicy.Delete)
        .maxRecordsPerCall(200)
        .rateLimit(new RateLimitSettings(200, 4, 1.0, probeInterval, Duration.ofMillis(50)))
        .bulk(BulkSettings.DEFAULT.withFirstPoll(Duration.ofMillis(50), Duration.ofMillis(500)))
        .bulkProcessingEstimate(SalesforceSettings.DEFAULT_BULK_PROCESSING)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private SalesforceDestination destination(SalesforceSettings settings) throws Exception {
    SecretLookup lookup =
        (name, key) -> {
          String value = secret.get(key);
          if (value == null) {
            throw new SecretLookup.MissingSecretException("Secret " + name + " has no " + key);
          }
          return value;
        };
    SalesforceDestination destination =
        SalesforceDestination.create(settings, lookup, telemetry, TimeSource.SYSTEM);
    destinations.add(destination);
    return destination;
  }

  private SalesforceDestination contacts() throws Exception {
    SalesforceDestination destination =
        destination(
            settings(List.of("Customer_Ref__c", "LastName", "Email"), Duration.ofMinutes(5)));
    destination.preflight(List.of("Customer_Ref__c", "LastName", "Email"));
    return destination;
  }

  private static DestinationRecord contact(String ref, String lastName, String email) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", ref);
    fields.put("LastName", lastName);
    fields.put("Email", email);
    return new DestinationRecord(ref, fields);
  }

  private static List<DestinationRecord> batch(String prefix, int count) {
    List<DestinationRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(contact(prefix + i, "Last " + i, prefix.toLowerCase() + i + "@example.com"));
    }
    return records;
  }

  private static Map<String, Map<String, Object>> stored() {
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    for (Map<String, Object> record : sandbox.records("Contact")) {
      byKey.put(String.valueOf(record.get("Customer_Ref__c")), record);
    }
    return byKey;
  }

  /**
   * What the runner does with a batch: write it, write again what comes back Retryable or fails as
   * a whole (after the time Salesforce asked for), until every record is written or failed for
   * good. Returns the final outcome per external id and counts the retries.
   */
  private static final class Deliverer {
    int retries;
    int throttledWrites;
    final Map<String, Integer> retriesByCode = new HashMap<>();

    Map<String, RecordOutcome> deliver(
        SalesforceDestination destination,
        DeliveryPath path,
        WriteOperation operation,
        List<DestinationRecord> records)
        throws DestinationException {
      Map<String, RecordOutcome> done = new LinkedHashMap<>();
      List<DestinationRecord> pending = records;
      for (int round = 0; !pending.isEmpty(); round++) {
        assertThat(round).as("rounds until everything is delivered").isLessThan(200);
        WriteResult result;
        try {
          result = destination.write(path, operation, pending);
        } catch (DestinationException e) {
          if (e.kind() != Kind.TRANSIENT && e.kind() != Kind.THROTTLED) {
            throw e;
          }
          retries += pending.size();
          retriesByCode.merge(e.reason(), pending.size(), Integer::sum);
          throttledWrites += e.kind() == Kind.THROTTLED ? 1 : 0;
          Instant retryAt = e.retryAt();
          if (retryAt != null) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !Instant.now().isBefore(retryAt));
          }
          continue;
        }
        List<DestinationRecord> again = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
          RecordOutcome outcome = result.outcomes().get(i);
          if (outcome instanceof RecordOutcome.Retryable retryable) {
            again.add(pending.get(i));
            retriesByCode.merge(retryable.code(), 1, Integer::sum);
          } else {
            done.put(pending.get(i).externalId(), outcome);
          }
        }
        retries += again.size();
        pending = again;
      }
      return done;
    }
  }

  @Test
  void oneTooLongStringAmong200Fails199AreWritten() throws Exception {
    SalesforceDestination destination = contacts();
    List<DestinationRecord> records = batch("C-", 200);
    records.set(57, contact("C-57", "x".repeat(81), "c57@example.com"));

    WriteResult result =
        destination.write(destination.deliveryPaths().get(0), WriteOperation.UPSERT, records);

    assertThat(result.outcomes().stream().filter(o -> o instanceof RecordOutcome.Ok)).hasSize(199);
    RecordOutcome.Permanent tooLong = (RecordOutcome.Permanent) result.outcomes().get(57);
    assertThat(tooLong.code()).isEqualTo("STRING_TOO_LONG");
    assertThat(tooLong.message())
        .isEqualTo("Last Name: data value too large: " + "x".repeat(81) + " (max length=80)");
    assertThat(tooLong.fields()).containsExactly("LastName");
    Map<String, Map<String, Object>> stored = stored();
    assertThat(stored).hasSize(199).doesNotContainKey("C-57");
    assertThat(stored.get("C-199")).containsEntry("LastName", "Last 199");
    assertThat(telemetry.calls("collections-upsert")).isEqualTo(1);
  }

  @Test
  void aValueOfTheWrongTypeFailsOnlyItsRecord() throws Exception {
    SalesforceDestination destination =
        destination(
            settings(List.of("Customer_Ref__c", "LastName", "Birthdate"), Duration.ofMinutes(5)));
    List<DestinationRecord> records = new ArrayList<>(batch("D-", 20));
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("Customer_Ref__c", "D-BAD");
    bad.put("LastName", "Bad");
    bad.put("Birthdate", "next Tuesday");
    records.add(new DestinationRecord("D-BAD", bad));

    WriteResult result =
        destination.write(destination.deliveryPaths().get(0), WriteOperation.UPSERT, records);

    assertThat(result.outcomes().subList(0, 20)).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(((RecordOutcome.Permanent) result.outcomes().get(20)).fields())
        .containsExactly("Birthdate");
    assertThat(stored()).hasSize(20);
  }

  @Test
  void anUnknownFieldInTheMappingFailsPreflightNamingIt() throws Exception {
    List<String> fields = List.of("Customer_Ref__c", "FirstName", "LastName", "Emial");
    SalesforceDestination destination = destination(settings(fields, Duration.ofMinutes(5)));
    assertThatThrownBy(() -> destination.preflight(fields))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.getMessage())
                  .startsWith(
                      "spec.mapping[3].field: Salesforce object Contact has no field Emial");
            });
    assertThat(stored()).isEmpty();
  }

  @Test
  void revokedTokensWithChangedCredentialsGiveAClearErrorAndRecoverWhenTheSecretIsFixed()
      throws Exception {
    SalesforceDestination destination = contacts();
    DeliveryPath collections = destination.deliveryPaths().get(0);
    destination.write(collections, WriteOperation.UPSERT, batch("R-", 10));

    // The app's secret was rotated and the sessions revoked; the Secret still holds the old one.
    secret.put("clientSecret", "the-old-secret");
    sandbox.revokeAccessTokens();
    assertThatThrownBy(() -> destination.write(collections, WriteOperation.UPSERT, batch("S-", 10)))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
              assertThat(e.getMessage())
                  .startsWith(
                      "Salesforce rejected the credentials in Secret sf-oauth: invalid_client"
                          + " (invalid client credentials)")
                  .doesNotContain("the-old-secret")
                  .doesNotContain(SandboxConfig.DEFAULT_CLIENT_SECRET);
            });
    assertThat(stored()).hasSize(10);

    secret.put("clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET);
    WriteResult recovered = destination.write(collections, WriteOperation.UPSERT, batch("S-", 10));
    assertThat(recovered.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(stored()).hasSize(20);
  }

  @Test
  void anExpiredSessionIsRenewedWithoutTheRunnerNoticing() throws Exception {
    SalesforceDestination destination = contacts();
    sandbox.revokeAccessTokens();
    WriteResult result =
        destination.write(
            destination.deliveryPaths().get(0), WriteOperation.UPSERT, batch("E-", 5));
    assertThat(result.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(telemetry.calls("oauth-token")).isEqualTo(2);
  }

  @Test
  void aSpentDailyQuotaThrottlesThenResumesAndLosesNothing() throws Exception {
    List<String> fields = List.of("Customer_Ref__c", "LastName", "Email");
    SalesforceDestination destination = destination(settings(fields, Duration.ofMillis(200)));
    destination.preflight(fields);
    DeliveryPath collections = destination.deliveryPaths().get(0);
    destination.write(collections, WriteOperation.UPSERT, batch("Q-", 200));

    long limit = sandbox.usage().requests().limit();
    sandbox
        .usage()
        .requests()
        .setOtherUsage(limit); // other integrations spent the org's allocation
    Deliverer deliverer = new Deliverer();
    Thread freeing =
        new Thread(
            () -> {
              await().atMost(Duration.ofSeconds(30)).until(() -> !telemetry.throttles().isEmpty());
              sandbox.usage().requests().setOtherUsage(0); // the rolling window frees up
            });
    freeing.start();
    Map<String, RecordOutcome> outcomes =
        deliverer.deliver(destination, collections, WriteOperation.UPSERT, batch("W-", 450));
    freeing.join();

    assertThat(outcomes)
        .hasSize(450)
        .allSatisfy((k, o) -> assertThat(o).isInstanceOf(RecordOutcome.Ok.class));
    assertThat(telemetry.throttles()).isNotEmpty();
    assertThat(telemetry.throttles().get(0)).contains("daily API allocation is spent");
    assertThat(telemetry.resumes()).isPositive();
    assertThat(stored()).hasSize(650);
  }

  @Test
  void serverErrorsAndLockedRowsAreRetriedUntilEverythingIsDelivered() throws Exception {
    List<String> fields = List.of("Customer_Ref__c", "LastName", "Email");
    // 50 records per call: enough requests (40 and their retries) for 10% of them to fail.
    SalesforceDestination destination =
        destination(settings(fields, Duration.ofMinutes(5)).withMaxRecordsPerCall(50));
    destination.preflight(fields);
    sandbox.setFaults(
        FaultSettings.none().withSeed(42).withServerErrorRate(0.10).withLockRowRate(0.05));
    Deliverer deliverer = new Deliverer();
    Map<String, RecordOutcome> outcomes = new LinkedHashMap<>();
    List<DestinationRecord> all = batch("F-", 2000);
    for (int from = 0; from < all.size(); from += 500) {
      outcomes.putAll(
          deliverer.deliver(
              destination,
              destination.deliveryPaths().get(0),
              WriteOperation.UPSERT,
              all.subList(from, from + 500)));
    }

    assertThat(outcomes).hasSize(2000);
    assertThat(outcomes.values()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(deliverer.retries).isPositive();
    Map<String, Map<String, Object>> stored = stored();
    assertThat(stored).hasSize(2000);
    for (DestinationRecord record : all) {
      assertThat(stored.get(record.externalId()))
          .containsEntry("LastName", record.fields().get("LastName"))
          .containsEntry("Email", record.fields().get("Email"));
    }
    // Both faults happened and were retried: locked rows record by record, 5xx request by request.
    assertThat(deliverer.retriesByCode).containsKeys("UNABLE_TO_LOCK_ROW", "SalesforceUnavailable");
    assertThat(telemetry.calls()).anyMatch(c -> c.matches("collections-upsert 5\\d\\d"));
  }

  @Test
  void largeBatchesGoThroughABulkJob() throws Exception {
    SalesforceDestination destination = contacts();
    List<DestinationRecord> records = batch("B-", 3000);
    records.set(10, contact("B-10", "y".repeat(100), "b10@example.com"));
    Map<String, Object> nulled = new LinkedHashMap<>();
    nulled.put("Customer_Ref__c", "B-11");
    nulled.put("LastName", "Quote \"and\", comma");
    nulled.put("Email", null);
    records.set(11, new DestinationRecord("B-11", nulled));

    WriteResult result =
        destination.write(destination.deliveryPaths().get(1), WriteOperation.UPSERT, records);

    assertThat(result.outcomes().stream().filter(o -> o instanceof RecordOutcome.Ok)).hasSize(2999);
    RecordOutcome.Permanent tooLong = (RecordOutcome.Permanent) result.outcomes().get(10);
    assertThat(tooLong.code()).isEqualTo("STRING_TOO_LONG");
    assertThat(tooLong.fields()).containsExactly("LastName");
    Map<String, Map<String, Object>> stored = stored();
    assertThat(stored).hasSize(2999);
    assertThat(stored.get("B-11")).containsEntry("LastName", "Quote \"and\", comma");
    assertThat(stored.get("B-11").get("Email")).isNull();
    assertThat(telemetry.calls("bulk-create")).isEqualTo(1);
  }

  @Test
  void deletesByExternalIdOnBothPaths() throws Exception {
    SalesforceDestination destination = contacts();
    DeliveryPath collections = destination.deliveryPaths().get(0);
    destination.write(collections, WriteOperation.UPSERT, batch("X-", 300));
    List<DestinationRecord> keys = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      keys.add(DestinationRecord.keyOnly("X-" + i));
    }
    keys.add(DestinationRecord.keyOnly("never-existed"));

    WriteResult viaCollections = destination.write(collections, WriteOperation.DELETE, keys);
    assertThat(viaCollections.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(telemetry.calls("query") + telemetry.calls("collections-delete")).isEqualTo(2);

    List<DestinationRecord> rest = new ArrayList<>();
    for (int i = 150; i < 300; i++) {
      rest.add(DestinationRecord.keyOnly("X-" + i));
    }
    WriteResult viaBulk =
        destination.write(destination.deliveryPaths().get(1), WriteOperation.DELETE, rest);
    assertThat(viaBulk.outcomes()).allMatch(o -> o instanceof RecordOutcome.Ok);
    assertThat(stored()).isEmpty();
  }
}

package io.serversidesync.runner.reverse;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.deliver.RetryPolicy;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import io.serversidesync.runner.destination.salesforce.SalesforceDestination;
import io.serversidesync.runner.destination.salesforce.SalesforceSettings;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.destination.salesforce.describe.ParentRef;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.status.RunnerTelemetry;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A two-way sync of a contacts table (ref → Customer_Ref__c, last_name → LastName, email → Email,
 * Salesforce Id → sf_id) against the sandbox, for the integration tests.
 */
public final class TwoWayFixture {

  static final List<FieldMap> MAPPING =
      List.of(
          new FieldMap("ref", "Customer_Ref__c"),
          new FieldMap("last_name", "LastName"),
          new FieldMap("email", "Email"));

  public static final EngineOptions FAST =
      new EngineOptions(
          Duration.ofMillis(500),
          new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 4, Duration.ofMillis(200)),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          10);

  private TwoWayFixture() {}

  public static Sandbox startSandbox() throws Exception {
    return Sandbox.start(SandboxConfig.builder().port(0).dailyApiLimit(10_000_000).build());
  }

  public static void createTable(PostgresDatabase db, String table) {
    db.execute(
        "CREATE TABLE "
            + table
            + " (ref text PRIMARY KEY, last_name text NOT NULL, email text, sf_id text,"
            + " touched_at timestamptz)");
  }

  public static SyncSettings settings(
      PostgresDatabase db,
      String name,
      String table,
      ConflictPolicy policy,
      Duration pollInterval,
      DeletePolicy deletes) {
    return SyncSettings.builder()
        .name(name)
        .schema("public")
        .table(table)
        .upsertKey("ref")
        .mapping(MAPPING)
        .deletes(deletes)
        .maxRecords(200)
        .maxDelay(Duration.ofMillis(100))
        .maxPendingKeys(1_000_000)
        .maxPendingBytes(256L << 20)
        .maxConcurrent(2)
        .postgres(
            new PostgresSettings(
                db.host(), db.port(), db.name(), db.user(), db.password(), SslMode.DISABLE, null))
        .build()
        .withTwoWay(
            new TwoWaySettings(pollInterval, "sf_id", policy, TwoWaySettings.DEFAULT_PAGE_SIZE));
  }

  /** The Salesforce destination against the sandbox, reporting into the runner's state. */
  static Destination salesforce(Sandbox sandbox, SyncSettings sync, RunnerState state)
      throws Exception {
    return salesforce(sandbox, sync, state, "Contact", "Customer_Ref__c");
  }

  /**
   * The Salesforce destination of {@code object} keyed by {@code externalIdField} against the
   * sandbox; lookups set by a parent's external id come from the sync's mapping.
   */
  public static Destination salesforce(
      Sandbox sandbox, SyncSettings sync, RunnerState state, String object, String externalIdField)
      throws Exception {
    List<MappedField> mapping = new ArrayList<>();
    for (int i = 0; i < sync.mapping().size(); i++) {
      FieldMap m = sync.mapping().get(i);
      String path = "spec.mapping[" + i + "]";
      mapping.add(
          new MappedField(
              path + ".field",
              m.field(),
              m.parent() == null
                  ? null
                  : new ParentRef(
                      path + ".reference", m.parent().object(), m.parent().externalIdField())));
    }
    SalesforceSettings settings =
        SalesforceSettings.builder()
            .loginUrl(HttpUrl.get(sandbox.baseUrl()))
            .apiVersion("64.0")
            .flow(AuthFlow.ClientCredentials)
            .secretName("sf-oauth")
            .audience("https://login.salesforce.com")
            .object(object)
            .externalIdField(externalIdField)
            .mapping(mapping)
            .deletes(sync.deletes())
            .maxRecordsPerCall(200)
            .rateLimit(
                new RateLimitSettings(500, 4, 1.0, Duration.ofMinutes(5), Duration.ofMillis(50)))
            .bulk(BulkSettings.DEFAULT.withFirstPoll(Duration.ofMillis(50), Duration.ofMillis(500)))
            .bulkProcessingEstimate(SalesforceSettings.DEFAULT_BULK_PROCESSING)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    Map<String, String> secret = new HashMap<>();
    secret.put("clientId", SandboxConfig.DEFAULT_CLIENT_ID);
    secret.put("clientSecret", SandboxConfig.DEFAULT_CLIENT_SECRET);
    SecretLookup lookup =
        (name, key) -> {
          String value = secret.get(key);
          if (value == null) {
            throw new SecretLookup.MissingSecretException("Secret " + name + " has no " + key);
          }
          return value;
        };
    return SalesforceDestination.create(
        settings, lookup, new RunnerTelemetry(state), TimeSource.SYSTEM);
  }

  /** The sandbox's Contact records by Customer_Ref__c. */
  static Map<String, Map<String, Object>> contacts(Sandbox sandbox) {
    Map<String, Map<String, Object>> byRef = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Contact")) {
      Object ref = r.get("Customer_Ref__c");
      if (ref != null) {
        byRef.put(ref.toString(), r);
      }
    }
    return byRef;
  }

  /** The table's rows by ref: column → text. */
  static Map<String, Map<String, Object>> rows(PostgresDatabase db, String table) {
    Map<String, Map<String, Object>> byRef = new HashMap<>();
    for (Map<String, Object> r : db.query("SELECT ref, last_name, email, sf_id FROM " + table)) {
      byRef.put((String) r.get("ref"), r);
    }
    return byRef;
  }
}

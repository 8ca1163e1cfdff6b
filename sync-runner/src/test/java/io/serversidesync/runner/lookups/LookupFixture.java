package io.serversidesync.runner.lookups;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.ParentLink;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.config.TwoWaySettings;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.runner.reverse.TwoWayRun;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.sandbox.Sandbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts and contacts (each contact naming its account by account_ref) synced against the sandbox
 * by two syncs, as a team would declare them.
 */
final class LookupFixture {

  private LookupFixture() {}

  static void createTables(PostgresDatabase db) {
    db.execute("CREATE TABLE accounts (ref text PRIMARY KEY, name text NOT NULL)");
    db.execute(
        "CREATE TABLE contacts (ref text PRIMARY KEY, last_name text NOT NULL, account_ref text,"
            + " sf_id text, account_sf_id text)");
  }

  private static SyncSettings.SyncSettingsBuilder base(PostgresDatabase db, String name) {
    return SyncSettings.builder()
        .name(name)
        .schema("public")
        .deletes(DeletePolicy.Ignore)
        .maxRecords(200)
        .maxDelay(Duration.ofMillis(100))
        .maxPendingKeys(1_000_000)
        .maxPendingBytes(256L << 20)
        .maxConcurrent(2)
        .postgres(
            new PostgresSettings(
                db.host(), db.port(), db.name(), db.user(), db.password(), SslMode.DISABLE, null));
  }

  static SyncSettings accounts(PostgresDatabase db) {
    return base(db, "accounts")
        .table("accounts")
        .upsertKey("ref")
        .mapping(List.of(new FieldMap("ref", "Account_Ref__c"), new FieldMap("name", "Name")))
        .build();
  }

  static ParentLink account(Duration waitForParent) {
    return new ParentLink("Account", "Account_Ref__c", waitForParent);
  }

  static SyncSettings contacts(PostgresDatabase db, ParentLink account) {
    return base(db, "contacts")
        .table("contacts")
        .upsertKey("ref")
        .mapping(
            List.of(
                new FieldMap("ref", "Customer_Ref__c"),
                new FieldMap("last_name", "LastName"),
                new FieldMap("account_ref", "AccountId", account)))
        .build();
  }

  static SyncSettings twoWay(SyncSettings settings) {
    return settings.withTwoWay(
        new TwoWaySettings(
            Duration.ofMillis(300),
            "sf_id",
            ConflictPolicy.SourceWins,
            TwoWaySettings.DEFAULT_PAGE_SIZE));
  }

  /** Starts a sync of {@code object} against the sandbox on its own thread. */
  static TwoWayRun start(Sandbox sandbox, SyncSettings settings, String object, String key)
      throws Exception {
    RunnerState state = new RunnerState(settings.name());
    return new TwoWayRun(
            settings,
            TwoWayFixture.salesforce(sandbox, settings, state, object, key),
            state,
            TwoWayFixture.FAST)
        .start();
  }

  /** Creates Account records directly in Salesforce: external id → Name. */
  static void createAccounts(SalesforceRest salesforce, String... refs) {
    salesforce.create(
        "Account",
        java.util.Arrays.stream(refs)
            .map(r -> Map.<String, Object>of("Account_Ref__c", r, "Name", "Account " + r))
            .toList());
  }

  /** The Salesforce Id of each Account by its external id. */
  static Map<String, String> accountIds(Sandbox sandbox) {
    Map<String, String> ids = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Account")) {
      if (r.get("Account_Ref__c") != null) {
        ids.put(r.get("Account_Ref__c").toString(), r.get("Id").toString());
      }
    }
    return ids;
  }

  /** Each Contact's AccountId (null when empty) by its external id. */
  static Map<String, Object> contactAccounts(Sandbox sandbox) {
    Map<String, Object> byRef = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Contact")) {
      if (r.get("Customer_Ref__c") != null) {
        byRef.put(r.get("Customer_Ref__c").toString(), r.get("AccountId"));
      }
    }
    return byRef;
  }

  /** Unresolved rows of serversidesync.errors for a sync: key → (code, message, retry_at). */
  static Map<String, Map<String, Object>> unresolvedErrors(PostgresDatabase db, String sync) {
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    if (db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'errors'") == 0) {
      return byKey;
    }
    for (Map<String, Object> r :
        db.query(
            "SELECT upsert_key, code, message, attempts, retry_at::text AS retry_at"
                + " FROM serversidesync.errors WHERE resolved_at IS NULL AND sync = '"
                + sync
                + "'")) {
      byKey.put((String) r.get("upsert_key"), r);
    }
    return byKey;
  }
}

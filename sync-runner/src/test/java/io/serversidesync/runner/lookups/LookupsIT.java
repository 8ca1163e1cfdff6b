package io.serversidesync.runner.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.salesforce.SalesforceRest;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.ParentLink;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.errors.ErrorEntry;
import io.serversidesync.runner.errors.ErrorsTable;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.runner.reverse.TwoWayRun;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contacts that name their Account by the account's own external id (account_ref), synced to the
 * sandbox through both delivery paths, with parents that arrive late or never.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class LookupsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Sandbox sandbox;
  private static SalesforceRest salesforce;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
    salesforce = new SalesforceRest(sandbox.baseUrl(), "64.0", sandbox::issueAccessToken);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  /** Each test its own database: slots, publications and the errors table start empty. */
  private PostgresDatabase db;

  @BeforeEach
  void freshDatabaseAndSandbox(PostgresCluster cluster) {
    db = cluster.createDatabase("t_lookups_" + UUID.randomUUID().toString().substring(0, 8));
    sandbox.reset();
  }

  @AfterEach
  void dropDatabase() {
    db.cluster().dropDatabase(db.name());
  }

  private static TwoWayRun contacts(SyncSettings settings) throws Exception {
    return LookupFixture.start(sandbox, settings, "Contact", "Customer_Ref__c");
  }

  /** Waits until each listed contact points to the account of the given ref (null: none). */
  private static void awaitAccounts(Map<String, String> expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<String, String> ids = LookupFixture.accountIds(sandbox);
              Map<String, Object> actual = LookupFixture.contactAccounts(sandbox);
              Map<String, Object> wanted = new HashMap<>();
              expected.forEach((c, a) -> wanted.put(c, a == null ? null : ids.get(a)));
              assertThat(actual).containsAllEntriesOf(wanted);
            });
  }

  private static Map<String, String> pairs(String... contactThenAccount) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < contactThenAccount.length; i += 2) {
      map.put(contactThenAccount[i], contactThenAccount[i + 1]);
    }
    return map;
  }

  @Test
  void collectionsSetChangeAndClearALookupByTheParentsKeyWithoutExtraCalls() throws Exception {
    LookupFixture.createTables(db);
    LookupFixture.createAccounts(salesforce, "A-1", "A-2");
    try (TwoWayRun run =
        contacts(LookupFixture.contacts(db, LookupFixture.account(Duration.ofMinutes(1))))) {
      db.execute(
          "INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'One', 'A-1'),"
              + " ('C2', 'Two', 'a-2'), ('C3', 'Three', NULL)");
      awaitAccounts(pairs("C1", "A-1", "C2", "A-2", "C3", null));
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");
      db.execute(
          "BEGIN; UPDATE contacts SET account_ref = 'A-2' WHERE ref = 'C1';"
              + " UPDATE contacts SET account_ref = NULL WHERE ref = 'C2';"
              + " UPDATE contacts SET account_ref = 'A-1' WHERE ref = 'C3'; COMMIT");
      awaitAccounts(pairs("C1", "A-2", "C2", null, "C3", "A-1"));
      // one flush, one call: a lookup by the parent's key costs no extra request, and the start
      // described Contact and Account in one call
      assertThat(sandbox.stats().calls("composite.sobjects.upsert") - upserts).isEqualTo(1);
      assertThat(sandbox.stats().calls("composite")).isEqualTo(1);
      assertThat(sandbox.stats().calls("sobject.describe")).isZero();
      assertThat(LookupFixture.unresolvedErrors(db, "contacts")).isEmpty();
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void bulkSetsAndClearsALookupClearingRowsInAJobOfTheirOwn() throws Exception {
    LookupFixture.createTables(db);
    LookupFixture.createAccounts(salesforce, "A-1", "A-2");
    SyncSettings settings =
        LookupFixture.contacts(db, LookupFixture.account(Duration.ofMinutes(1)))
            .withBulkThreshold(2);
    try (TwoWayRun run = contacts(settings)) {
      db.execute(
          "INSERT INTO contacts (ref, last_name, account_ref) SELECT 'C' || i, 'N' || i, 'A-1'"
              + " FROM generate_series(1, 6) i");
      awaitAccounts(pairs("C1", "A-1", "C6", "A-1"));
      long jobs = sandbox.stats().calls("bulk.createJob");
      assertThat(jobs).isPositive();
      db.execute(
          "BEGIN; UPDATE contacts SET account_ref = NULL WHERE ref IN ('C1', 'C2');"
              + " UPDATE contacts SET account_ref = 'A-2' WHERE ref IN ('C3', 'C4'); COMMIT");
      awaitAccounts(pairs("C1", null, "C2", null, "C3", "A-2", "C4", "A-2", "C5", "A-1"));
      assertThat(sandbox.stats().calls("bulk.createJob") - jobs).isEqualTo(2);
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isZero();
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aChildSyncedBeforeItsParentWaitsAsideAndConvergesOnceTheParentArrives() throws Exception {
    LookupFixture.createTables(db);
    LookupFixture.createAccounts(salesforce, "A-1");
    try (TwoWayRun run =
        contacts(LookupFixture.contacts(db, LookupFixture.account(Duration.ofMinutes(2))))) {
      db.execute(
          "INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'Early', 'A-9'),"
              + " ('C2', 'Other', 'A-1')");
      // the others are not held back
      awaitAccounts(pairs("C2", "A-1"));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<String, Object> error =
                    LookupFixture.unresolvedErrors(db, "contacts").get("C1");
                assertThat(error).isNotNull();
                assertThat(error.get("code")).isEqualTo(ErrorEntry.PARENT_NOT_FOUND);
                assertThat((String) error.get("message"))
                    .contains("parent Account \"A-9\" does not exist")
                    .contains("the parent may still arrive");
                assertThat(error.get("retry_at")).isNotNull();
              });
      assertThat(run.state.recordErrors()).isZero();
      LookupFixture.createAccounts(salesforce, "A-9");
      awaitAccounts(pairs("C1", "A-9"));
      await().atMost(WAIT).until(() -> LookupFixture.unresolvedErrors(db, "contacts").isEmpty());
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aParentThatNeverArrivesEndsInTheErrorsTableWithItsKeyAndAReplayDeliversItLater()
      throws Exception {
    LookupFixture.createTables(db);
    try (TwoWayRun run =
        contacts(LookupFixture.contacts(db, LookupFixture.account(Duration.ofSeconds(3))))) {
      db.execute(
          "INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'Lone', 'A-404')");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<String, Object> error =
                    LookupFixture.unresolvedErrors(db, "contacts").get("C1");
                assertThat(error).isNotNull();
                assertThat((String) error.get("message"))
                    .contains("\"A-404\"")
                    .contains("gave up waiting for the parent")
                    .contains("errors replay");
                assertThat(error.get("retry_at")).isNull();
              });
      Map<String, Object> error = LookupFixture.unresolvedErrors(db, "contacts").get("C1");
      // 2 s, then the end of the 3 s window: a bounded number of tries
      assertThat(((Number) error.get("attempts")).intValue()).isBetween(2, 4);
      assertThat(run.state.recordErrors()).isEqualTo(1);
      assertThat(LookupFixture.contactAccounts(sandbox)).doesNotContainKey("C1");

      LookupFixture.createAccounts(salesforce, "A-404");
      try (Connection c = db.connect()) {
        assertThat(new ErrorsTable("contacts").requestReplay(c)).isEqualTo(1);
      }
      awaitAccounts(pairs("C1", "A-404"));
      await().atMost(WAIT).until(() -> LookupFixture.unresolvedErrors(db, "contacts").isEmpty());
    }
  }

  @Test
  void aParentAndItsChildrenWrittenInOneTransactionEndConsistentAcrossTwoSyncs() throws Exception {
    LookupFixture.createTables(db);
    try (TwoWayRun children =
            contacts(LookupFixture.contacts(db, LookupFixture.account(Duration.ofMinutes(2))));
        TwoWayRun parents =
            LookupFixture.start(sandbox, LookupFixture.accounts(db), "Account", "Account_Ref__c")) {
      db.execute(
          "BEGIN; INSERT INTO accounts VALUES ('A-5', 'Five');"
              + " INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C5a', 'A', 'A-5'),"
              + " ('C5b', 'B', 'A-5');"
              + " UPDATE contacts SET last_name = 'A2' WHERE ref = 'C5a'; COMMIT");
      awaitAccounts(pairs("C5a", "A-5", "C5b", "A-5"));
      await().atMost(WAIT).until(() -> LookupFixture.unresolvedErrors(db, "contacts").isEmpty());
      assertThat(children.failure.get()).isNull();
      assertThat(parents.failure.get()).isNull();
    }
  }

  @Test
  void twoWayWritesTheParentsKeyAndIdBackWhenTheLookupChangesInSalesforce() throws Exception {
    LookupFixture.createTables(db);
    LookupFixture.createAccounts(salesforce, "A-1", "A-2");
    SyncSettings settings =
        LookupFixture.twoWay(
            LookupFixture.contacts(
                db,
                new ParentLink(
                    "Account", "Account_Ref__c", Duration.ofMinutes(1), "account_sf_id")));
    try (TwoWayRun run = contacts(settings)) {
      db.execute(
          "INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'One', 'A-1'),"
              + " ('C2', 'Two', 'A-1')");
      awaitAccounts(pairs("C1", "A-1", "C2", "A-1"));
      Map<String, String> accounts = LookupFixture.accountIds(sandbox);
      // rows created in Postgres learn their parent's record id from the echo of their own write
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(column(db, "C1", "account_sf_id")).isEqualTo(accounts.get("A-1"));
                assertThat(column(db, "C2", "account_sf_id")).isEqualTo(accounts.get("A-1"));
                assertThat(column(db, "C1", "sf_id")).isNotNull();
              });
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");

      salesforce.update("Contact", contactId("C1"), Map.of("AccountId", accounts.get("A-2")));
      Map<String, Object> noParent = new HashMap<>();
      noParent.put("AccountId", null);
      salesforce.update("Contact", contactId("C2"), noParent);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(column(db, "C1", "account_ref")).isEqualTo("A-2");
                assertThat(column(db, "C1", "account_sf_id")).isEqualTo(accounts.get("A-2"));
                assertThat(column(db, "C2", "account_ref")).isNull();
                assertThat(column(db, "C2", "account_sf_id")).isNull();
              });
      // what came from Salesforce is not sent back
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(upserts);
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aParentWithoutExternalIdNeitherClearsTheColumnNorBringsARecordInWithAnEmptyLookup()
      throws Exception {
    LookupFixture.createTables(db);
    LookupFixture.createAccounts(salesforce, "A-1");
    String noKey = salesforce.create("Account", List.of(Map.of("Name", "No key"))).get(0);
    SyncSettings settings =
        LookupFixture.twoWay(
            LookupFixture.contacts(
                db,
                new ParentLink(
                    "Account", "Account_Ref__c", Duration.ofMinutes(1), "account_sf_id")));
    try (TwoWayRun run = contacts(settings)) {
      db.execute("INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'One', 'A-1')");
      awaitAccounts(pairs("C1", "A-1"));
      await().atMost(WAIT).untilAsserted(() -> assertThat(column(db, "C1", "sf_id")).isNotNull());
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");

      salesforce.update("Contact", contactId("C1"), Map.of("AccountId", noKey, "LastName", "Uno"));
      salesforce.create(
          "Contact",
          List.of(Map.of("Customer_Ref__c", "C9", "LastName", "Nine", "AccountId", noKey)));
      salesforce.create("Contact", List.of(Map.of("Customer_Ref__c", "C8", "LastName", "Eight")));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(column(db, "C8", "last_name")).isEqualTo("Eight");
                assertThat(column(db, "C1", "last_name")).isEqualTo("Uno");
                assertThat(column(db, "C1", "account_sf_id")).isEqualTo(noKey);
              });
      // the column keeps the key it had, not NULL, so nothing clears the lookup on the way back;
      // the record created against the keyless parent stays out rather than come in without it
      assertThat(column(db, "C1", "account_ref")).isEqualTo("A-1");
      assertThat(db.query("SELECT ref FROM contacts WHERE ref = 'C9'")).isEmpty();
      assertThat(LookupFixture.contactAccounts(sandbox)).containsEntry("C1", noKey);
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(upserts);
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aPolymorphicLookupIsSetByTheTypeItsMappingNames() throws Exception {
    db.execute("CREATE TABLE tasks (ref text PRIMARY KEY, subject text NOT NULL, who_ref text)");
    salesforce.create("Contact", List.of(Map.of("Customer_Ref__c", "C-7", "LastName", "Seven")));
    SyncSettings tasks =
        LookupFixture.accounts(db).toBuilder()
            .name("tasks")
            .table("tasks")
            .mapping(
                List.of(
                    new FieldMap("ref", "Task_Ref__c"),
                    new FieldMap("subject", "Subject"),
                    new FieldMap(
                        "who_ref",
                        "WhoId",
                        new ParentLink("Contact", "Customer_Ref__c", Duration.ofMinutes(1)))))
            .build();
    try (TwoWayRun run = LookupFixture.start(sandbox, tasks, "Task", "Task_Ref__c")) {
      db.execute("INSERT INTO tasks VALUES ('T1', 'Call', 'C-7'), ('T2', 'Mail', NULL)");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<String, Object> who = new HashMap<>();
                sandbox
                    .records("Task")
                    .forEach(t -> who.put((String) t.get("Task_Ref__c"), t.get("WhoId")));
                assertThat(who).containsEntry("T1", contactId("C-7")).containsEntry("T2", null);
              });
      assertThat(run.failure.get()).isNull();
    }
  }

  @Test
  void aReferenceToTheWrongObjectStopsTheSyncBeforeAnyChangeIsRead() throws Exception {
    LookupFixture.createTables(db);
    SyncSettings wrong =
        LookupFixture.contacts(
            db, new ParentLink("Acount", "Account_Ref__c", Duration.ofMinutes(1)));
    db.execute("INSERT INTO contacts (ref, last_name, account_ref) VALUES ('C1', 'One', 'A-1')");
    try (TwoWayRun run = contacts(wrong)) {
      await().atMost(WAIT).until(() -> run.failure.get() != null);
      assertThat(run.failure.get().getMessage())
          .contains(
              "spec.mapping[2].reference.object: Contact.AccountId points to Account, not Acount;"
                  + " set object: Account");
      assertThat(run.state.currentPhase()).isEqualTo(Phase.Failed);
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isZero();
    }
  }

  private static String contactId(String ref) {
    return sandbox.records("Contact").stream()
        .filter(r -> ref.equals(r.get("Customer_Ref__c")))
        .map(r -> r.get("Id").toString())
        .findFirst()
        .orElseThrow();
  }

  /** The column of the row, or null when there is no such row (yet). */
  private static Object column(PostgresDatabase db, String ref, String column) {
    List<Map<String, Object>> rows =
        db.query("SELECT " + column + " FROM contacts WHERE ref = '" + ref + "'");
    return rows.isEmpty() ? null : rows.get(0).get(column);
  }
}

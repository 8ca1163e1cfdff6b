package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.runner.reverse.TwoWayRun;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keys that change only in letter case, against the sandbox, which matches External IDs
 * case-insensitively as Salesforce does by default: Postgres keeps the rows, so Salesforce keeps
 * the records, under the same Ids.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class KeyCaseChangeIT {

  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  /** Customer_Ref__c → Id of every Contact the sandbox holds. */
  private static Map<String, Object> contactIds() {
    Map<String, Object> ids = new HashMap<>();
    for (Map<String, Object> r : sandbox.records("Contact")) {
      ids.put(String.valueOf(r.get("Customer_Ref__c")), r.get("Id"));
    }
    return ids;
  }

  @Test
  void upperCasingKeysKeepsEveryRecordAndItsId(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE cased (ref text PRIMARY KEY, last_name text NOT NULL)",
        "INSERT INTO cased SELECT 'kc' || i, 'Name ' || i FROM generate_series(1, 30) i");
    // the sandbox's Contact keyed by Customer_Ref__c, four requests at a time
    SyncSettings settings =
        EngineHarness.settings(db, "cased", "cased", DeletePolicy.Delete, "ref", "last_name")
            .withMapping(
                List.of(
                    new FieldMap("ref", "Customer_Ref__c"), new FieldMap("last_name", "LastName")))
            .withMaxConcurrent(4);
    RunnerState state = new RunnerState(settings.name());
    try (TwoWayRun run =
        new TwoWayRun(
                settings,
                TwoWayFixture.salesforce(sandbox, settings, state, "Contact", "Customer_Ref__c"),
                state,
                TwoWayFixture.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> contactIds().size() == 30);
      Map<String, Object> before = contactIds();
      // one transaction, so the deletes of the old spellings and the upserts share one cut
      db.execute("UPDATE cased SET ref = upper(ref), last_name = last_name || ' (moved)'");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(sandbox.records("Contact"))
                      .allSatisfy(
                          r -> assertThat(r.get("LastName").toString()).endsWith("(moved)")));
      Map<String, Object> after = contactIds();
      assertThat(after).hasSize(30);
      for (int i = 1; i <= 30; i++) {
        assertThat(after.get("KC" + i)).as("KC" + i).isEqualTo(before.get("kc" + i));
      }
      assertThat(run.failure.get()).isNull();
    }
  }
}

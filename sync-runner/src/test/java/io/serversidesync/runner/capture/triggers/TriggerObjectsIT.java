package io.serversidesync.runner.capture.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.WriterSetting;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The trigger objects in a real database: what they record, what they skip, and cleanup. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class TriggerObjectsIT {

  private static TriggerObjects install(PostgresDatabase db, String table) throws Exception {
    db.execute("CREATE TABLE " + table + " (ref text PRIMARY KEY, v text)");
    SyncSettings settings =
        EngineHarness.settings(db, table, table, DeletePolicy.Delete, "ref", "v")
            .withCapture(CaptureMethod.Triggers);
    TriggerObjects objects = new TriggerObjects(settings);
    try (Connection c = db.connect()) {
      objects.install(c);
      assertThat(objects.installed(c).complete()).isTrue();
    }
    return objects;
  }

  @Test
  void oneStatementRecordsEachKeyOnceAndUpdatesRecordOldAndNewKeys(PostgresDatabase db)
      throws Exception {
    TriggerObjects objects = install(db, "to_keys");
    db.execute(
        "INSERT INTO to_keys SELECT 'k' || i, 'v' FROM generate_series(1, 3) i",
        "UPDATE to_keys SET v = 'w'",
        "UPDATE to_keys SET ref = 'k9' WHERE ref = 'k1'",
        "DELETE FROM to_keys WHERE ref = 'k2'");
    // one row per key and statement (a statement's keys in no particular order)
    assertThat(
            db.query(
                "SELECT string_agg(key, ',' ORDER BY key) AS keys FROM "
                    + objects.changeTable()
                    + " GROUP BY xid ORDER BY xid"))
        .extracting(row -> row.get("keys"))
        .containsExactly("k1,k2,k3", "k1,k2,k3", "k1,k9", "k2");
  }

  @Test
  void theRunnersOwnWritesAreNotRecorded(PostgresDatabase db) throws Exception {
    TriggerObjects objects = install(db, "to_own");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT set_config('" + WriterSetting.NAME + "', 'sss_to_own', false)");
      s.execute("INSERT INTO to_own VALUES ('mine', 'v')");
      // another sync's setting does not hide the write from this one
      s.execute("SELECT set_config('" + WriterSetting.NAME + "', 'sss_other', false)");
      s.execute("INSERT INTO to_own VALUES ('theirs', 'v')");
    }
    db.execute("INSERT INTO to_own VALUES ('app', 'v')");
    assertThat(db.query("SELECT key FROM " + objects.changeTable() + " ORDER BY xid, id"))
        .extracting(row -> row.get("key"))
        .containsExactly("theirs", "app");
  }

  @Test
  void dropRemovesEverythingAndWritesGoOn(PostgresDatabase db) throws Exception {
    TriggerObjects objects = install(db, "to_drop");
    try (Connection c = db.connect()) {
      assertThat(objects.drop(c)).isTrue();
      assertThat(objects.installed(c).any()).isFalse();
      assertThat(objects.drop(c)).isFalse();
    }
    db.execute("INSERT INTO to_drop VALUES ('after', 'v')");
    assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'to_drop'::regclass"))
        .isZero();
    assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname = 'sss_to_drop_capture'"))
        .isZero();
  }
}

package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A value Postgres refuses fails only its record: the page's set-based write falls back to one
 * write per record, the other records of the page (and of the pages read while it was applied)
 * arrive, the refused one is counted and keeps its row, and the mark moves past it.
 */
@Tag("integration")
class RefusedValueIT extends TwoWayTestBase {

  private static final int ROWS = 450;
  private static final String REFUSED = "V-300";

  @Test
  void aPageWithOneValuePostgresRefusesAppliesEveryOtherRecord(PostgresDatabase db)
      throws Exception {
    String table = "refused_value";
    TwoWayFixture.createTable(db, table);
    db.execute(
        "INSERT INTO "
            + table
            + " (ref, last_name, email) SELECT 'V-' || i, 'Name ' || i, 'v' || i || '@example.com'"
            + " FROM generate_series(1, "
            + ROWS
            + ") i",
        "ALTER TABLE " + table + " ADD CONSTRAINT short_name CHECK (length(last_name) <= 12)");
    // pages of 200 (the least Salesforce returns): three pages, the second read while the first is
    // applied
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            table,
            table,
            ConflictPolicy.SourceWins,
            Duration.ofMillis(300),
            DeletePolicy.Ignore);
    settings = settings.withTwoWay(settings.twoWay().withPageSize(200));
    try (Started s = start(settings)) {
      awaitIdsFilled(db, table, ROWS);
      awaitPolls(s, 2);
      ReverseStats reverse = s.reverse();
      long applied = reverse.rowsApplied();
      StatsSnapshot before = sandbox.stats();

      Map<String, Map<String, Object>> records = TwoWayFixture.contacts(sandbox);
      List<Map<String, Object>> edits = new ArrayList<>();
      for (int i = 1; i <= ROWS; i++) {
        String ref = "V-" + i;
        Map<String, Object> edit = new HashMap<>();
        edit.put("Id", records.get(ref).get("Id"));
        // the refused record's name breaks the table's check constraint (23514)
        edit.put("LastName", ref.equals(REFUSED) ? "A name far too long" : "Edited " + i);
        edits.add(edit);
      }
      salesforce.updateAll("Contact", edits);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> reverse.rowsApplied() >= applied + ROWS - 1 && reverse.recordsSkipped() >= 1);
      Map<String, Map<String, Object>> rows = TwoWayFixture.rows(db, table);
      for (int i = 1; i <= ROWS; i++) {
        String ref = "V-" + i;
        assertThat(rows.get(ref).get("last_name"))
            .as(ref)
            .isEqualTo(ref.equals(REFUSED) ? "Name 300" : "Edited " + i);
      }
      // the only reason to skip here is the refused value (refused again while the edits settle)
      assertThat(s.run().state.snapshot().reverse().getRecordsSkipped()).isPositive();

      // the mark moves past the refused record: polls stop reading it, and nothing goes back
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long read;
      do {
        read = reverse.recordsRead();
        awaitPolls(s, 2);
      } while (reverse.recordsRead() != read && System.nanoTime() < deadline);
      assertThat(reverse.recordsRead()).isEqualTo(read);
      long skipped = reverse.recordsSkipped();
      awaitPolls(s, 2);
      assertThat(reverse.recordsSkipped()).isEqualTo(skipped);
      assertThat(reverse.rowsApplied()).isGreaterThanOrEqualTo(applied + ROWS - 1);
      assertThat(rows(db, table, REFUSED)).isEqualTo("Name 300");
      assertThat(sandbox.stats().calls("composite.sobjects.upsert"))
          .isEqualTo(before.calls("composite.sobjects.upsert"));
    }
  }

  @Test
  void aValueTooLongForItsColumnIsRefusedNotCutShort(PostgresDatabase db) throws Exception {
    String table = "too_long_value";
    TwoWayFixture.createTable(db, table);
    db.execute(
        "ALTER TABLE " + table + " ALTER COLUMN last_name TYPE varchar(12)",
        "INSERT INTO "
            + table
            + " (ref, last_name, email) SELECT 'L-' || i, 'Name ' || i, 'l' || i || '@example.com'"
            + " FROM generate_series(1, 5) i");
    try (Started s =
        start(
            TwoWayFixture.settings(
                db,
                table,
                table,
                ConflictPolicy.SourceWins,
                Duration.ofMillis(300),
                DeletePolicy.Ignore))) {
      awaitIdsFilled(db, table, 5);
      awaitPolls(s, 2);
      ReverseStats reverse = s.reverse();
      long applied = reverse.rowsApplied();
      Map<String, Map<String, Object>> records = TwoWayFixture.contacts(sandbox);
      salesforce.updateAll(
          "Contact",
          List.of(
              Map.of("Id", records.get("L-1").get("Id"), "LastName", "A name far too long"),
              Map.of("Id", records.get("L-2").get("Id"), "LastName", "Short")));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reverse.rowsApplied() >= applied + 1 && reverse.recordsSkipped() >= 1);
      // A cast to varchar(12) would have stored "A name far t"; the column refuses instead.
      assertThat(rows(db, table, "L-1")).isEqualTo("Name 1");
      assertThat(rows(db, table, "L-2")).isEqualTo("Short");
    }
  }

  private static Object rows(PostgresDatabase db, String table, String ref) {
    return TwoWayFixture.rows(db, table).get(ref).get("last_name");
  }
}

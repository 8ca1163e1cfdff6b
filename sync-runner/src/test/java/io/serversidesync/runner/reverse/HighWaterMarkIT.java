package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reverse direction's high-water mark in Postgres: 1,000 Salesforce changes that share one
 * SystemModstamp are applied exactly once, even when the runner stops in the middle of reading
 * them, and a restart reads only what changed after the mark.
 */
@Tag("integration")
class HighWaterMarkIT extends TwoWayTestBase {

  @Test
  void aThousandChangesWithOneSystemModstampAreAppliedOnceAndARestartReadsOnlyWhatIsNew(
      PostgresDatabase db) throws Exception {
    TwoWayFixture.createTable(db, "hwm");
    SyncSettings settings =
        TwoWayFixture.settings(
            db,
            "hwm",
            "hwm",
            ConflictPolicy.SourceWins,
            Duration.ofMillis(300),
            DeletePolicy.Ignore);
    settings = settings.withTwoWay(settings.twoWay().withPageSize(200));
    // every record gets the same SystemModstamp
    sandbox.clock().freezeAt(Instant.now().minusSeconds(3600));
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      String ref = String.format("D-%04d", i);
      records.add(Map.of("Customer_Ref__c", ref, "LastName", "Last " + i, "Email", ref + "@x.io"));
    }
    salesforce.create("Contact", records);
    assertThat(
            sandbox.records("Contact").stream()
                .map(r -> r.get("SystemModstamp"))
                .distinct()
                .count())
        .isEqualTo(1);

    // the first runner dies after three pages of 200
    try (Started first = start(settings)) {
      first.gates().failReadsAfter(3);
      await().atMost(Duration.ofSeconds(30)).until(() -> first.reverse().rowsApplied() == 600);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.queryLong("SELECT count(*) FROM hwm") == 600);
    }
    assertThat(db.queryLong("SELECT count(*) FROM hwm")).isEqualTo(600);

    // the next one resumes after the 600th record: two pages (a query and one more page)
    long morePages = sandbox.stats().calls("query.more");
    try (Started second = start(settings)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> second.reverse().rowsApplied() == 400);
      awaitPolls(second, 3);
      assertThat(second.reverse().rowsApplied()).isEqualTo(400);
      assertThat(second.reverse().recordsRead()).isEqualTo(400);
      assertThat(sandbox.stats().calls("query.more") - morePages).isEqualTo(1);
    }
    awaitIdsFilled(db, "hwm", 1000);

    // and a third reads nothing it has seen: one query per poll, nothing applied
    long queries = sandbox.stats().calls("query");
    long pages = sandbox.stats().calls("query.more");
    sandbox.clock().advance(Duration.ofSeconds(10));
    salesforce.update("Contact", sfId("D-0500"), Map.of("Email", "changed@x.io"));
    try (Started third = start(settings)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> third.reverse().rowsApplied() == 1);
      awaitPolls(third, 3);
      assertThat(third.reverse().recordsRead()).isEqualTo(1);
      assertThat(third.reverse().rowsApplied()).isEqualTo(1);
      assertThat(sandbox.stats().calls("query.more")).isEqualTo(pages);
      assertThat(sandbox.stats().calls("query") - queries)
          .isLessThanOrEqualTo(third.reverse().polls() + 1);
    }
    assertThat(email(db, "hwm", "D-0500")).isEqualTo("changed@x.io");
    assertThat(db.queryLong("SELECT count(*) FROM hwm")).isEqualTo(1000);
  }
}

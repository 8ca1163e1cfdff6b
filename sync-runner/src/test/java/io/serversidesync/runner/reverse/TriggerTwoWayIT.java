package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.CaptureMethod;
import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.sandbox.stats.StatsSnapshot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync over trigger capture: the runner's own writes (native ids, destination changes) set
 * the writer setting, so the trigger records none of them and nothing echoes back; an application
 * change still goes out.
 */
@Tag("integration")
class TriggerTwoWayIT extends TwoWayTestBase {

  @Test
  void destinationChangesArriveWithoutEchoAndApplicationChangesGoOut(PostgresDatabase db)
      throws Exception {
    TwoWayFixture.createTable(db, "trig2");
    db.execute(
        "INSERT INTO trig2 (ref, last_name, email) SELECT 'T-' || i, 'Name' || i,"
            + " 't' || i || '@example.com' FROM generate_series(1, 20) i");
    SyncSettings settings =
        TwoWayFixture.settings(
                db,
                "trig2",
                "trig2",
                ConflictPolicy.SourceWins,
                Duration.ofMillis(500),
                DeletePolicy.Ignore)
            .withCapture(CaptureMethod.Triggers);
    String changes = new TriggerObjects(settings).changeTable();
    try (Started s = start(settings)) {
      // the ids the runner wrote into the rows were not recorded as changes
      awaitIdsFilled(db, "trig2", 20);
      awaitPolls(s, 2);
      assertThat(db.queryLong("SELECT count(*) FROM " + changes)).isZero();
      ReverseStats reverse = s.reverse();
      StatsSnapshot before = sandbox.stats();
      long captured = s.run().state.changesCaptured();

      salesforce.update("Contact", sfId("T-7"), Map.of("Email", "edited@example.com"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "edited@example.com".equals(email(db, "trig2", "T-7")));
      long polls = reverse.polls();
      await().atMost(Duration.ofSeconds(10)).until(() -> reverse.polls() >= polls + 3);
      assertThat(s.run().state.changesCaptured()).isEqualTo(captured);
      assertThat(db.queryLong("SELECT count(*) FROM " + changes)).isZero();
      StatsSnapshot after = sandbox.stats();
      assertThat(after.calls("composite.sobjects.upsert"))
          .isEqualTo(before.calls("composite.sobjects.upsert"));

      db.execute("UPDATE trig2 SET email = 'from.postgres@example.com' WHERE ref = 'T-3'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "from.postgres@example.com".equals(sfEmail("T-3")));
      assertThat(s.run().failure.get()).isNull();
    }
  }
}

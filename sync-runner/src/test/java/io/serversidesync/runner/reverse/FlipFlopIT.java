package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flip-flop values: Postgres is updated twice quickly, the first value reaches Salesforce and a
 * poll reads it back. That read is never applied over the newer Postgres value, whatever the
 * conflict policy: not while the newer change is pending or in flight (the read equals the last
 * synced version: an echo), and not after it was delivered either (the read began before the runner
 * recorded that write: out of date).
 */
@Tag("integration")
class FlipFlopIT extends TwoWayTestBase {

  private static SyncSettings settings(PostgresDatabase db, String table, ConflictPolicy policy) {
    TwoWayFixture.createTable(db, table);
    db.execute("INSERT INTO " + table + " (ref, last_name, email) VALUES ('K', 'Kay', 'v0@x.io')");
    return TwoWayFixture.settings(
        db, table, table, policy, Duration.ofMillis(300), DeletePolicy.Ignore);
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void anEchoOfTheFirstValueDoesNotOverwriteTheSecondWhileItIsInFlight(
      ConflictPolicy policy, PostgresDatabase db) throws Exception {
    String table = "flip_inflight_" + policy.name().toLowerCase();
    try (Started s = start(settings(db, table, policy))) {
      awaitIdsFilled(db, table, 1);
      awaitPolls(s, 2);
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      db.execute("UPDATE " + table + " SET email = 'v1@x.io' WHERE ref = 'K'");
      long written = s.run().state.recordsWritten();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s.run().state.recordsWritten() > written && "v1@x.io".equals(sfEmail("K")));
      s.gates().beforeWrite.close();
      db.execute("UPDATE " + table + " SET email = 'v2@x.io' WHERE ref = 'K'");
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();

      // the poll reads v1 (the runner's own write) while v2 is in flight
      s.gates().beforeRead.open();
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.reverse().conflicts()).isZero();

      s.gates().beforeWrite.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> "v2@x.io".equals(sfEmail("K")));
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void anEchoOfTheFirstValueDoesNotOverwriteTheSecondWhileItIsPending(
      ConflictPolicy policy, PostgresDatabase db) throws Exception {
    String table = "flip_pending_" + policy.name().toLowerCase();
    SyncSettings settings = settings(db, table, policy);
    db.execute("INSERT INTO " + table + " (ref, last_name) VALUES ('OTHER', 'Other')");
    try (Started s = start(settings)) {
      awaitIdsFilled(db, table, 2);
      awaitPolls(s, 2);
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      long written = s.run().state.recordsWritten();
      db.execute("UPDATE " + table + " SET email = 'v1@x.io' WHERE ref = 'K'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s.run().state.recordsWritten() > written && "v1@x.io".equals(sfEmail("K")));
      // another key's write is held in flight, so K's second change waits in the pending map
      s.gates().beforeWrite.close();
      db.execute("UPDATE " + table + " SET email = 'other@x.io' WHERE ref = 'OTHER'");
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();
      db.execute("UPDATE " + table + " SET email = 'v2@x.io' WHERE ref = 'K'");
      await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.pendingKeys() == 1);

      s.gates().beforeRead.open();
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();

      s.gates().beforeWrite.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> "v2@x.io".equals(sfEmail("K")));
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(ConflictPolicy.class)
  void aReadOfTheFirstValueThatIsAppliedAfterTheSecondWasDeliveredIsOutOfDate(
      ConflictPolicy policy, PostgresDatabase db) throws Exception {
    String table = "flip_stale_" + policy.name().toLowerCase();
    try (Started s = start(settings(db, table, policy))) {
      awaitIdsFilled(db, table, 1);
      awaitPolls(s, 2);
      // hold the page that carries v1 between reading and applying it
      s.gates().holdPagesWhere(page -> holds(page, "K", "v1@x.io"));
      s.gates().afterRead.close();
      db.execute("UPDATE " + table + " SET email = 'v1@x.io' WHERE ref = 'K'");
      assertThat(s.gates().afterRead.awaitEntered()).isTrue();

      long written = s.run().state.recordsWritten();
      db.execute("UPDATE " + table + " SET email = 'v2@x.io' WHERE ref = 'K'");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s.run().state.recordsWritten() > written && "v2@x.io".equals(sfEmail("K")));

      s.gates().afterRead.open();
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo("v2@x.io");
      assertThat(sfEmail("K")).isEqualTo("v2@x.io");
      assertThat(s.reverse().rowsApplied()).isZero();
      assertThat(s.reverse().conflicts()).isZero();
    }
  }
}

package io.serversidesync.runner.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each conflict policy with a concurrent change on both sides: the Postgres change is in flight
 * (captured, its write held) while the poll reads the Salesforce change. Afterwards both sides hold
 * the winner's value, the conflict is counted once, and nothing moves any more.
 */
@Tag("integration")
class ConflictPoliciesIT extends TwoWayTestBase {

  @ParameterizedTest(name = "{0}, {1} changed last: {2} wins")
  @CsvSource({
    "SourceWins, destination, source",
    "SourceWins, source, source",
    "DestinationWins, destination, destination",
    "DestinationWins, source, destination",
    "LastWriteWins, destination, destination",
    "LastWriteWins, source, source"
  })
  void bothSidesChangedAndThePolicyDecides(
      ConflictPolicy policy, String changedLast, String winner, PostgresDatabase db)
      throws Exception {
    String table = ("conflict_" + policy + "_" + changedLast).toLowerCase();
    try (Started s =
        startSynced(db, table, "('K', 'Kay', 'base@x.io')", policy, DeletePolicy.Ignore)) {
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      s.gates().beforeWrite.close();
      if (changedLast.equals("source")) {
        salesforce.update("Contact", sfId("K"), Map.of("Email", "salesforce@x.io"));
        db.execute("UPDATE " + table + " SET email = 'postgres@x.io' WHERE ref = 'K'");
      } else {
        db.execute("UPDATE " + table + " SET email = 'postgres@x.io' WHERE ref = 'K'");
        // Salesforce's clock runs a minute ahead: its SystemModstamp is the later time
        sandbox.clock().advance(Duration.ofMinutes(1));
        salesforce.update("Contact", sfId("K"), Map.of("Email", "salesforce@x.io"));
      }
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();

      s.gates().beforeRead.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> s.reverse().conflicts() == 1);
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");
      s.gates().beforeWrite.open();

      // the held write lands, then the winner's value is sent once more after it: the runner
      // cannot tell whether the held write landed before or after the Salesforce change
      boolean sourceWins = winner.equals("source");
      long expectedCalls = upserts + 2;
      String expected = sourceWins ? "postgres@x.io" : "salesforce@x.io";
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(sandbox.stats().calls("composite.sobjects.upsert"))
                    .isEqualTo(expectedCalls);
                assertThat(email(db, table, "K")).isEqualTo(expected);
                assertThat(sfEmail("K")).isEqualTo(expected);
              });
      awaitPolls(s, 3);
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(expectedCalls);
      assertThat(email(db, table, "K")).isEqualTo(expected);
      assertThat(sfEmail("K")).isEqualTo(expected);
      assertThat(s.reverse().conflicts()).isEqualTo(1);
      assertThat(s.reverse().rowsApplied()).isEqualTo(sourceWins ? 0 : 1);
      assertThat(s.run().failure.get()).isNull();
    }
  }

  /**
   * The Postgres change lands in Salesforce, a user edits the record, and the poll reads the edit
   * before the runner has heard (and recorded) that its write landed. To the runner both sides
   * changed since the last recorded sync, and it cannot tell whether its write landed before or
   * after the edit: the policy decides, and both sides end with the winner's value.
   */
  @ParameterizedTest(name = "{0}: the {1} wins")
  @CsvSource({"SourceWins, source", "DestinationWins, destination", "LastWriteWins, destination"})
  void anEditReadBeforeTheRunnerHeardItsWriteLandedEndsTheSameOnBothSides(
      ConflictPolicy policy, String winner, PostgresDatabase db) throws Exception {
    String table = ("landed_" + policy).toLowerCase();
    try (Started s =
        startSynced(db, table, "('K', 'Kay', 'base@x.io')", policy, DeletePolicy.Ignore)) {
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");
      s.gates().afterWrite.close();
      db.execute("UPDATE " + table + " SET email = 'postgres@x.io' WHERE ref = 'K'");
      assertThat(s.gates().afterWrite.awaitEntered()).isTrue();
      assertThat(sfEmail("K")).isEqualTo("postgres@x.io");
      // edited after the write landed (Salesforce's clock a minute ahead: the later time)
      sandbox.clock().advance(Duration.ofMinutes(1));
      salesforce.update("Contact", sfId("K"), Map.of("Email", "salesforce@x.io"));
      await().atMost(Duration.ofSeconds(10)).until(() -> s.reverse().conflicts() == 1);

      s.gates().afterWrite.open();
      // the held write, then the row sent once more: whichever side won, the destination may not
      // hold its value (the runner cannot tell when its write landed)
      String expected = winner.equals("source") ? "postgres@x.io" : "salesforce@x.io";
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(sandbox.stats().calls("composite.sobjects.upsert"))
                    .isEqualTo(upserts + 2);
                assertThat(email(db, table, "K")).isEqualTo(expected);
                assertThat(sfEmail("K")).isEqualTo(expected);
              });
      awaitPolls(s, 3);
      assertThat(email(db, table, "K")).isEqualTo(expected);
      assertThat(sfEmail("K")).isEqualTo(expected);
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(upserts + 2);
      assertThat(s.reverse().conflicts()).isEqualTo(1);
      assertThat(s.run().failure.get()).isNull();
    }
  }

  @Test
  void aPendingSourceChangeTheDestinationBeatIsNeverSent(PostgresDatabase db) throws Exception {
    String table = "conflict_pending";
    try (Started s =
        startSynced(
            db,
            table,
            "('K', 'Kay', 'base@x.io'), ('OTHER', 'Other', 'other@x.io')",
            ConflictPolicy.DestinationWins,
            DeletePolicy.Ignore)) {
      s.gates().beforeRead.close();
      assertThat(s.gates().beforeRead.awaitEntered()).isTrue();
      // another key's write is held in flight, so K's change waits in the pending map
      s.gates().beforeWrite.close();
      db.execute("UPDATE conflict_pending SET email = 'changed@x.io' WHERE ref = 'OTHER'");
      assertThat(s.gates().beforeWrite.awaitEntered()).isTrue();
      db.execute("UPDATE conflict_pending SET email = 'postgres@x.io' WHERE ref = 'K'");
      await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.pendingKeys() == 1);
      salesforce.update("Contact", sfId("K"), Map.of("Email", "salesforce@x.io"));
      long upserts = sandbox.stats().calls("composite.sobjects.upsert");

      s.gates().beforeRead.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> s.reverse().conflicts() == 1);
      assertThat(email(db, table, "K")).isEqualTo("salesforce@x.io");
      s.gates().beforeWrite.open();
      await().atMost(Duration.ofSeconds(10)).until(() -> "changed@x.io".equals(sfEmail("OTHER")));
      await().atMost(Duration.ofSeconds(10)).until(() -> s.run().state.pendingKeys() == 0);
      awaitPolls(s, 3);

      assertThat(sfEmail("K")).isEqualTo("salesforce@x.io");
      assertThat(email(db, table, "K")).isEqualTo("salesforce@x.io");
      // OTHER's held write only: K's superseded change cost no call
      assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(upserts + 1);
      assertThat(s.reverse().conflicts()).isEqualTo(1);
    }
  }
}

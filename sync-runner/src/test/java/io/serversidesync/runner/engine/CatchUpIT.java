package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changes written while the runner was stopped are coalesced over the whole backlog. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class CatchUpIT {

  @Test
  void aBacklogWaitingInTheSlotSendsEachKeyOnceInsteadOfCuttingAtTheBatchSize(PostgresDatabase db)
      throws Exception {
    db.execute("CREATE TABLE backlog (ref text PRIMARY KEY, v text)");
    // maxDelay long enough that only the batch size (200 × 10 keys) could split the backlog
    SyncSettings settings =
        withMaxDelay(
            EngineHarness.settings(db, "backlog", "backlog", DeletePolicy.Ignore, "ref", "v"),
            Duration.ofSeconds(30));
    try (EngineHarness first =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> first.state.currentPhase() == Phase.Streaming);
    }
    // while no runner reads the slot: 5,000 keys inserted, then each updated 3 times, in 20
    // transactions
    db.execute(
        "INSERT INTO backlog SELECT 'k' || i, 'v0' FROM generate_series(1, 5000) i",
        "DO $$ BEGIN FOR r IN 1..3 LOOP FOR c IN 0..4 LOOP"
            + " UPDATE backlog SET v = 'v' || r WHERE ref IN (SELECT 'k' || i FROM"
            + " generate_series(c * 1000 + 1, c * 1000 + 1000) i); COMMIT;"
            + " END LOOP; END LOOP; END $$");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await()
          .atMost(Duration.ofSeconds(25))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowIT.destination(h.destination))
                      .isEqualTo(CaptureFlowIT.source(db, "backlog")));
      List<List<DestinationRecord>> requests = h.destination.requests;
      assertThat(requests.stream().mapToInt(List::size).sum()).isEqualTo(5000);
      assertThat(requests).hasSize(25);
      assertThat(h.state.snapshot().counters().getChangesCaptured()).isEqualTo(20_000);
      assertThat(h.failure.get()).isNull();
    }
  }

  /**
   * The same backlog with a short maxDelay and a destination that also offers a bulk path: reading
   * the backlog takes longer than maxDelay, yet each key is sent once, in one bulk request, since
   * the changes were late before they were read.
   */
  @Test
  void aBacklogIsSentOnceByTheCheapestPathWhateverMaxDelay(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE late (ref text PRIMARY KEY, v text)");
    SyncSettings settings =
        withMaxDelay(
            EngineHarness.settings(db, "late", "late", DeletePolicy.Ignore, "ref", "v"),
            Duration.ofMillis(1));
    try (EngineHarness first =
        new EngineHarness(settings, new InMemoryDestination(), EngineHarness.FAST).start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> first.state.currentPhase() == Phase.Streaming);
    }
    db.execute(
        "INSERT INTO late SELECT 'k' || i, 'v0' FROM generate_series(1, 5000) i",
        "DO $$ BEGIN FOR r IN 1..3 LOOP FOR c IN 0..4 LOOP"
            + " UPDATE late SET v = 'v' || r WHERE ref IN (SELECT 'k' || i FROM"
            + " generate_series(c * 1000 + 1, c * 1000 + 1000) i); COMMIT;"
            + " END LOOP; END LOOP; END $$");
    try (EngineHarness h =
        new EngineHarness(settings, new InMemoryDestination().withBulkPath(), EngineHarness.FAST)
            .start()) {
      await()
          .atMost(Duration.ofSeconds(25))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowIT.destination(h.destination))
                      .isEqualTo(CaptureFlowIT.source(db, "late")));
      assertThat(h.destination.requests.stream().mapToInt(List::size).sum()).isEqualTo(5000);
      assertThat(h.destination.requestPaths).containsExactly("bulk");
      assertThat(h.failure.get()).isNull();
    }
  }

  private static SyncSettings withMaxDelay(SyncSettings s, Duration maxDelay) {
    return s.withMaxDelay(maxDelay);
  }
}

package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresCluster;
import io.serversidesync.testing.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A killed walsender and a Postgres restart lose nothing. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class ResilienceTest {

  private static void writeBatch(PostgresDatabase db, int from, int to) {
    db.execute(
        "INSERT INTO res SELECT 'r' || i, 'v' || i FROM generate_series("
            + from
            + ", "
            + to
            + ") i ON CONFLICT (ref) DO UPDATE SET v = EXCLUDED.v || '-updated'",
        "UPDATE res SET v = v || '+' WHERE ref IN (SELECT 'r' || i FROM generate_series("
            + from
            + ", "
            + to
            + ", 7) i)");
  }

  @Test
  void killedWalsenderAndServerRestartLoseNothing(PostgresDatabase db, PostgresCluster cluster)
      throws Exception {
    db.execute("CREATE TABLE res (ref text PRIMARY KEY, v text)");
    try (EngineHarness h =
        new EngineHarness(
                EngineHarness.settings(db, "res", "res", DeletePolicy.Ignore, "ref", "v"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      writeBatch(db, 1, 2000);
      h.destination.hold(); // changes in flight and pending when the connection drops
      writeBatch(db, 1500, 3000);
      assertThat(cluster.terminateWalSenders()).isGreaterThanOrEqualTo(1);
      writeBatch(db, 2500, 4000);
      h.destination.release();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowTest.destination(h.destination))
                      .isEqualTo(CaptureFlowTest.source(db, "res")));

      writeBatch(db, 3500, 5000);
      cluster.restart();
      writeBatch(db, 4500, 6000);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(CaptureFlowTest.destination(h.destination))
                      .isEqualTo(CaptureFlowTest.source(db, "res")));
      await().atMost(Duration.ofSeconds(30)).until(h.state::ready);
      assertThat(h.failure.get()).isNull();
    }
  }
}

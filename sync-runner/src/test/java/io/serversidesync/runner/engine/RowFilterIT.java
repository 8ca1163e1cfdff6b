package io.serversidesync.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.runner.testing.InMemoryDestination;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** spec.source.filter: applied to snapshot and stream, and never allowed to break writes. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class RowFilterIT {

  @Test
  void filterAppliesToSnapshotAndStream(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE regional (ref text PRIMARY KEY, v text)",
        "INSERT INTO regional VALUES ('EU-1', 'a'), ('US-1', 'b')");
    try (EngineHarness h =
        new EngineHarness(
                (EngineHarness.settings(
                        db, "regional", "regional", DeletePolicy.Ignore, "ref", "v"))
                    .withFilter("ref LIKE 'EU-%'"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> h.state.currentPhase() == Phase.Streaming);
      db.execute("INSERT INTO regional VALUES ('EU-2', 'c'), ('US-2', 'd')");
      await().atMost(Duration.ofSeconds(30)).until(() -> h.destination.records.size() == 2);
      assertThat(h.destination.records).containsOnlyKeys("EU-1", "EU-2");
    }
  }

  @Test
  void aFilterThatWouldBreakUpdatesIsRefusedAndWritesKeepWorking(PostgresDatabase db)
      throws Exception {
    db.execute(
        "CREATE TABLE zoned (ref text PRIMARY KEY, region text, v text)",
        "INSERT INTO zoned VALUES ('k', 'EU', 'a')");
    EngineHarness h =
        new EngineHarness(
                (EngineHarness.settings(
                        db, "zoned", "zoned", DeletePolicy.Ignore, "ref", "region", "v"))
                    .withFilter("region = 'EU'"),
                new InMemoryDestination(),
                EngineHarness.FAST)
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> !h.running());
    assertThat(h.failure.get())
        .isInstanceOf(PreflightException.class)
        .hasMessageContaining(
            "publication sss_zoned would make UPDATE or DELETE on public.zoned fail")
        .hasMessageContaining("not part of the replica identity")
        .hasMessageContaining("ALTER TABLE public.zoned REPLICA IDENTITY FULL");
    assertThat(db.queryLong("SELECT count(*) FROM pg_publication WHERE pubname = 'sss_zoned'"))
        .isZero();
    db.execute("UPDATE zoned SET v = 'b'", "DELETE FROM zoned");
  }
}

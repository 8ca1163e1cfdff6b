package io.serversidesync.runner.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading the table again selects exactly the rows the publication publishes. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class SnapshotReaderIT {

  /**
   * A publication a DBA created with one filter, and a spec whose filter text says more (a review
   * reproduced {@code customer_ref = 'C-1') OR (true} reading every row while one was published):
   * the snapshot and the replays read the publication's filter, not the spec's text.
   */
  @Test
  void readsThePublicationsRowFilterNotTheSpecsText(PostgresDatabase db) throws Exception {
    assumeTrue(db.cluster().majorVersion() >= 15, "publication row filters need PostgreSQL 15");
    db.execute(
        "CREATE TABLE follow (ref text PRIMARY KEY, v text)",
        "INSERT INTO follow VALUES ('C-1', 'a'), ('C-2', 'b')",
        "CREATE PUBLICATION sss_follow FOR TABLE follow WHERE (ref = 'C-1')");
    SyncSettings settings =
        (EngineHarness.settings(db, "follow", "follow", DeletePolicy.Ignore, "ref", "v"))
            .withFilter("ref = 'C-1' OR true");
    SnapshotReader reader = new SnapshotReader(settings);
    try (Connection c = db.connect()) {
      List<String> read = new ArrayList<>();
      reader.read(c, null, row -> read.add(row.text(0)));
      assertThat(read).containsExactly("C-1");

      List<String> replayed = new ArrayList<>();
      reader.readKeys(c, List.of("C-1", "C-2"), row -> replayed.add(row.text(0)));
      assertThat(replayed).containsExactly("C-1");
    }
  }

  /** The snapshot's progress is told against Postgres's own estimate, when it has one. */
  @Test
  void tellsPostgresEstimateOfTheRowsBeforeReading(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE counted (ref text PRIMARY KEY, v text)",
        "INSERT INTO counted SELECT 'K-' || i, 'v' FROM generate_series(1, 500) i",
        "CREATE PUBLICATION sss_counted FOR TABLE counted");
    SyncSettings settings =
        EngineHarness.settings(db, "counted", "counted", DeletePolicy.Ignore, "ref", "v");
    SnapshotReader reader = new SnapshotReader(settings);
    try (Connection c = db.connect()) {
      long[] estimate = {0};
      long rows = reader.read(c, null, e -> estimate[0] = e, row -> {});
      assertThat(rows).isEqualTo(500);
      assertThat(estimate[0]).as("never analyzed: no estimate").isEqualTo(-1);

      db.execute("ANALYZE counted");
      reader.read(c, null, e -> estimate[0] = e, row -> {});
      assertThat(estimate[0]).isEqualTo(500);
    }
  }
}

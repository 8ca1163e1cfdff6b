package io.serversidesync.runner.bench;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.workload.ContactsLoad;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

/**
 * Benchmark group "triggers", first part: what trigger capture costs the application's writes.
 * Application-like writers (4 connections, autocommit) upsert random keys among 10,000 that all
 * exist, in segments of a fixed duration, alternately with the sync's triggers installed ({@link
 * TriggerObjects#install}) and without them ({@link TriggerObjects#drop}), on the same table; the
 * order alternates between rounds. Twice: single-row upserts (the application's statement) and
 * multi-row upserts of {@link #BATCH_ROWS} keys per statement. Every segment with the triggers must
 * have recorded exactly one change per row written, and every segment without them none.
 */
final class TriggerWriteOverhead {

  static final int KEYS = 10_000;
  static final int CONNECTIONS = 4;
  static final int BATCH_ROWS = 100;
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private final PostgresDatabase db;
  private final TriggerObjects objects;
  private final ContactsLoad load;

  private TriggerWriteOverhead(PostgresDatabase db, TriggerObjects objects) {
    this.db = db;
    this.objects = objects;
    this.load = new ContactsLoad(db, KEYS, CONNECTIONS);
  }

  /** Measures both statement shapes, {@code rounds} rounds of two segments each. */
  static void run(BenchRig rig, int rounds, Duration segment) throws Exception {
    PostgresDatabase db = rig.contactsDatabase("bench_trigger_write");
    Path config = rig.manifest("bench-trigger-write", db, TriggerBenchmark::triggerSpec);
    TriggerWriteOverhead bench =
        new TriggerWriteOverhead(db, new TriggerObjects(rig.settings(config)));
    bench.load.burst(KEYS); // every key exists: each upsert takes the ON CONFLICT … UPDATE path
    bench.measure(1, "", rounds, segment);
    bench.measure(BATCH_ROWS, "_batch", rounds, segment);
  }

  private void measure(int rowsPerStatement, String suffix, int rounds, Duration segment)
      throws Exception {
    String shape =
        rowsPerStatement == 1
            ? "single-row upserts"
            : rowsPerStatement + "-row upserts (one statement)";
    log("triggers: %s, warming up for %d s", shape, WARM_UP.toSeconds());
    segment(false, rowsPerStatement, WARM_UP);
    segment(true, rowsPerStatement, WARM_UP);
    RoundFigures with = new RoundFigures();
    RoundFigures without = new RoundFigures();
    RoundFigures ratio = new RoundFigures();
    for (int r = 1; r <= rounds; r++) {
      boolean triggerFirst = r % 2 == 0;
      double first = segment(triggerFirst, rowsPerStatement, segment);
      double second = segment(!triggerFirst, rowsPerStatement, segment);
      double withRate = triggerFirst ? first : second;
      double withoutRate = triggerFirst ? second : first;
      log(
          "triggers: round %d (%s first): %,.0f rows/s with the triggers, %,.0f without",
          r, triggerFirst ? "with" : "without", withRate, withoutRate);
      with.add(withRate);
      without.add(withoutRate);
      ratio.add(withRate / withoutRate);
    }
    String what =
        "%s, autocommit, %d connections, %,d keys; %d s per segment"
            .formatted(shape, CONNECTIONS, KEYS, segment.toSeconds());
    ratio.print(
        "trigger_write_overhead_ratio" + suffix,
        "%.2f",
        "ratio (rows/s with the triggers / rows/s without, same round; " + what + ")");
    without.print("trigger_write_rows_per_s_without" + suffix, "%.0f", "rows/s (" + what + ")");
    with.print("trigger_write_rows_per_s_with" + suffix, "%.0f", "rows/s (" + what + ")");
  }

  /** One segment: returns the rows written per second; checks what the triggers recorded. */
  private double segment(boolean triggers, int rowsPerStatement, Duration duration)
      throws Exception {
    db.execute("VACUUM public.contacts", "CHECKPOINT");
    try (Connection c = db.connect()) {
      if (triggers) {
        objects.install(c);
      } else if (objects.installed(c).any()) {
        throw new BenchFailure("the triggers are still installed");
      }
    }
    long start = System.nanoTime();
    long rows = load.autocommit(duration, rowsPerStatement);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (triggers) {
      long recorded = db.queryLong("SELECT count(*) FROM " + objects.changeTable());
      if (recorded != rows) {
        throw new BenchFailure(
            "the triggers recorded " + recorded + " changes for " + rows + " rows written");
      }
      try (Connection c = db.connect()) {
        objects.drop(c);
      }
    }
    return rows / seconds;
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}

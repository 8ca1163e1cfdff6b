package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.pg.TableStatistics;
import io.serversidesync.runner.reverse.TwoWayFixture;
import io.serversidesync.runner.reverse.TwoWayRun;
import io.serversidesync.runner.status.RunnerState;
import io.serversidesync.runner.testing.EngineHarness;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The estimate checked against reality: a known workload runs through the real engine into the
 * sandbox, and the collections calls it makes fall within ±20% of what {@code plan} said, for the
 * initial load and for a steady-state window. The plan is made by the command's own PlanRun (the
 * table's statistics, the sandbox's /limits) with the workload's rate given, as with --rate; the
 * rate that sampling pg_stat_user_tables finds during the window is checked too.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PlanAccuracyIT {

  private static final String UPSERTS = "composite.sobjects.upsert";
  private static final int ROWS = 4_500;
  private static final double RATE = 40;
  private static final Duration WINDOW = Duration.ofSeconds(20);

  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = TwoWayFixture.startSandbox();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void theRealCallsOfTheInitialLoadAndOfASteadyWindowAreWithinTwentyPercentOfThePlan(
      PostgresDatabase db) throws Exception {
    TwoWayFixture.createTable(db, "planned");
    db.execute(
        "INSERT INTO planned (ref, last_name) SELECT 'p' || i, 'Name ' || i"
            + " FROM generate_series(1, "
            + ROWS
            + ") i",
        "ANALYZE planned");
    SyncSettings settings =
        EngineHarness.settings(db, "planned", "planned", DeletePolicy.Ignore, "ref", "last_name")
            .withMapping(
                List.of(
                    new FieldMap("ref", "Customer_Ref__c"), new FieldMap("last_name", "LastName")))
            .withMaxDelay(Duration.ofSeconds(1));
    RunnerState planState = new RunnerState("planned");
    PlanRun.Result plan;
    try (Destination d =
        TwoWayFixture.salesforce(sandbox, settings, planState, "Contact", "Customer_Ref__c")) {
      plan =
          new PlanRun(settings, new PlanRun.Options(Duration.ofSeconds(1), RATE, null, true))
              .plan(d);
    }
    assertThat(plan.workload().rows()).isEqualTo(ROWS);
    assertThat(plan.allocation()).isPresent();
    // 2 flushes of 2,000 rows (10 calls each) and one of 500 (3 calls)
    assertThat(plan.estimate().initialLoad().calls()).isEqualTo(23);
    double plannedWindow =
        plan.estimate().steady().writeCallsPerDay() * WINDOW.toSeconds() / 86_400.0;

    RunnerState state = new RunnerState(settings.name());
    try (TwoWayRun run =
        new TwoWayRun(
                settings,
                TwoWayFixture.salesforce(sandbox, settings, state, "Contact", "Customer_Ref__c"),
                state,
                TwoWayFixture.FAST)
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> state.currentPhase() == Phase.Streaming);
      long loadCalls = sandbox.stats().calls(UPSERTS);
      System.out.printf(
          "PLAN initial load: planned %d calls, real %d%n",
          plan.estimate().initialLoad().calls(), loadCalls);
      assertThat((double) loadCalls)
          .isCloseTo(plan.estimate().initialLoad().calls(), within(0.2 * 23));

      long before = sandbox.stats().calls(UPSERTS);
      SampledRate sampled = drive(db, settings);
      // drained: every change up to the WAL's end is confirmed (acknowledged by the sandbox)
      long end =
          Lsn.parse(db.query("SELECT pg_current_wal_lsn()::text AS l").get(0).get("l").toString());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                String confirmed = state.snapshot().confirmedLsn();
                return confirmed != null && Lsn.parse(confirmed) >= end;
              });
      long windowCalls = sandbox.stats().calls(UPSERTS) - before;
      System.out.printf(
          "PLAN steady window of %d s at %.0f changes/s on %d keys: planned %.1f calls, real %d;"
              + " pg_stat_user_tables sampled %.1f changes/s%n",
          WINDOW.toSeconds(), RATE, ROWS, plannedWindow, windowCalls, sampled.rate());
      assertThat((double) windowCalls).isCloseTo(plannedWindow, within(0.2 * plannedWindow));
      assertThat(sampled.rate()).isCloseTo(RATE, within(0.3 * RATE));
      assertThat(run.failure.get()).isNull();
    }
  }

  private record SampledRate(long sent, double rate) {}

  /**
   * Updates random keys at RATE a second for WINDOW, one change a transaction, paced by the clock
   * (a slow moment is made up, so the count is exact); samples pg_stat_user_tables meanwhile as
   * plan does.
   */
  private static SampledRate drive(PostgresDatabase db, SyncSettings settings) throws Exception {
    SplittableRandom random = new SplittableRandom(20);
    long total = Math.round(RATE * WINDOW.toSeconds());
    try (Connection c = db.connect();
        Connection stats = db.connect();
        PreparedStatement update =
            c.prepareStatement("UPDATE planned SET last_name = last_name || '.' WHERE ref = ?")) {
      long start = System.nanoTime();
      var first = TableStatistics.read(stats, "public", "planned");
      long firstAt = System.nanoTime();
      for (long i = 0; i < total; i++) {
        long due = start + (long) (i * 1e9 / RATE);
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        update.setString(1, "p" + (1 + random.nextInt(ROWS)));
        update.executeUpdate();
      }
      // statistics reach pg_stat_user_tables within about a second of the commit
      long lastAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  TableStatistics.read(stats, "public", "planned").updates()
                      >= first.updates() + total);
      double seconds = (lastAt - firstAt) / 1e9;
      return new SampledRate(total, total / seconds);
    }
  }
}

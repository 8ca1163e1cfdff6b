package io.serversidesync.demo;

import io.serversidesync.api.runner.RunnerStatus;
import io.serversidesync.api.v1alpha1.Counters;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.harness.runner.RunnerProcess;
import io.serversidesync.harness.runner.StatusProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Watches a runner of the demo through its /status: until ready, until it confirmed a position. */
final class RunnerWatch {

  private RunnerWatch() {}

  static void awaitReady(RunnerProcess runner, StatusProbe status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!status.ready()) {
      if (!runner.isAlive()) {
        throw new DemoFailure("the runner exited during start-up; see " + runner.log());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure("the runner was not ready within 60 s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** The position after the last commit: what a runner has delivered once it confirmed it. */
  static long currentLsn(PostgresDatabase db) {
    return lsn(
        db.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").get(0).get("lsn").toString());
  }

  /**
   * Prints progress every 2 s until the runner confirmed {@code targetLsn}; returns its last
   * status.
   */
  static RunnerStatus drain(
      PrintStream out, RunnerProcess runner, StatusProbe status, long targetLsn, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Instant lastPrint = Instant.EPOCH;
    while (true) {
      if (!runner.isAlive()) {
        throw new DemoFailure("the runner exited while draining; see " + runner.log());
      }
      RunnerStatus last;
      try {
        last = status.currentStatus();
      } catch (IOException e) {
        throw new DemoFailure("cannot read the runner's /status: " + e.getMessage());
      }
      boolean drained = last.confirmedLsn() != null && lsn(last.confirmedLsn()) >= targetLsn;
      if (drained || Instant.now().isAfter(lastPrint.plusSeconds(2))) {
        Counters c = last.counters();
        out.printf(
            "  %-12s captured %,9d  written %,7d records  %,5d API calls  lag %.1f s%n",
            last.phase(),
            c.getChangesCaptured(),
            c.getRecordsWritten(),
            c.getApiCalls(),
            last.lag() == null ? 0.0 : last.lag().getSeconds());
        lastPrint = Instant.now();
      }
      if (drained) {
        return last;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoFailure(
            "the runner did not drain within " + timeout.toSeconds() + " s; see " + runner.log());
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  static long lsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.triggers.ChangeTableReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.deliver.Checkpoint;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.EpochCuts;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Trigger capture on the capture thread: reads the change table in rounds (at once while changes
 * wait, else every poll interval), runs the housekeeping between rounds, deletes what the
 * destination acknowledged, reconnects when Postgres goes away, and on a stop delivers what is
 * pending. The counterpart of {@link StreamLoop} for a database without logical replication.
 */
final class TriggerLoop {

  /** Changes per round: a round is read whole, so it is also how far a cut may pass the bound. */
  static final int CHANGES_PER_ROUND = 5000;

  private static final Duration LONGEST_POLL = Duration.ofMillis(250);

  private final PostgresConnector connector;
  private final ChangeCollector collector;
  private final Coalescer coalescer;
  private final Housekeeping housekeeping;
  private final CapturedCounter counter;
  private final TwoWay twoWay;
  private final RunnerState state;
  private final StopSignal stop;
  private final Backoff backoff;
  private final long pollNanos;
  private final String name;

  TriggerLoop(SyncContext context, Housekeeping housekeeping) {
    this.connector = context.connector();
    this.collector = context.collector();
    this.coalescer = context.coalescer();
    this.housekeeping = housekeeping;
    this.counter = context.counter();
    this.twoWay = context.twoWay();
    this.state = context.state();
    this.stop = context.stop();
    this.backoff = context.backoff();
    this.name = context.settings().name();
    // a change waits at most maxDelay before its flush; reading takes a small part of that
    Duration quarter = context.settings().maxDelay().dividedBy(4);
    this.pollNanos = (quarter.compareTo(LONGEST_POLL) < 0 ? quarter : LONGEST_POLL).toNanos();
  }

  /** Reads until stopped. */
  void stream(
      ChangeTableReader reader,
      CollectedChanges changes,
      AcknowledgedChanges acknowledged,
      EpochCuts cuts,
      ErrorReplays replays)
      throws InterruptedException, ConfigurationRejectedException {
    TriggerFeed feed = new TriggerFeed(reader.frontier());
    int failures = 0;
    while (!stop.requested()) {
      try (Connection c = connector.connect()) {
        claim(c);
        if (!housekeeping.mappingBroken()) { // else the housekeeping keeps saying why it stopped
          state.phase(Phase.Streaming, true, "Streaming", "reading the change table");
        }
        if (failures > 0) {
          EngineLog.LOG.info("reading the change table again");
        }
        failures = 0;
        pump(c, reader, changes, acknowledged, feed, cuts, replays);
        drain(c, acknowledged, feed, cuts);
        return;
      } catch (SQLException e) {
        judge(e);
        failures++;
        Duration wait = backoff.after(failures);
        SourceFailure failure = SourceFailure.of("cannot read the change table of", e, connector);
        String message =
            failure.message()
                + "; reading again in "
                + wait.toMillis()
                + " ms, from the first change not yet read";
        state.phase(Phase.Streaming, false, failure.reason(), message);
        EngineLog.LOG.warn(message);
        if (!stop.requested()) {
          stop.sleep(wait);
        }
      }
    }
    cuts.finish();
  }

  /** A read that failed on a missing column stops reading if a mapped column is gone. */
  private void judge(SQLException e) {
    try {
      housekeeping.readFailed(e);
    } catch (SQLException unreachable) {
      EngineLog.LOG.debug(
          "could not look at the table's columns: {}", connector.safeMessage(unreachable));
    }
  }

  /**
   * Takes the sync's advisory lock for the session, so that only one runner reads and deletes the
   * change table (a slot lets only one reader stream; a change table does not).
   */
  private void claim(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pg_try_advisory_lock(hashtext('serversidesync'), hashtext(?)),"
                + " (SELECT string_agg(l.pid::text, ', ') FROM pg_locks l"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                + " AND l.classid = hashtext('serversidesync')::oid"
                + " AND l.objid = hashtext(?)::oid)")) {
      s.setString(1, name);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new SQLException(
              "another runner of this sync reads its change table (process "
                  + rs.getString(2)
                  + " holds the sync's advisory lock); this one waits until it stops",
              "55006");
        }
      }
    }
  }

  private void pump(
      Connection c,
      ChangeTableReader reader,
      CollectedChanges changes,
      AcknowledgedChanges acknowledged,
      TriggerFeed feed,
      EpochCuts cuts,
      ErrorReplays replays)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    long lastRound = System.nanoTime() - pollNanos;
    while (!stop.requested()) {
      long now = System.nanoTime();
      boolean paused = (cuts.inFlight() && cuts.atBound()) || housekeeping.mappingBroken();
      if (!paused && (feed.moreWaiting() || now - lastRound >= pollNanos)) {
        lastRound = now;
        ChangeTableReader.Round round = reader.read(c, TriggerLoop.CHANGES_PER_ROUND, changes);
        boolean backlog = feed.catchingUp();
        feed.read(round);
        // everything committed before the frontier is read: a flush may cover it
        collector.commit(round.frontier(), round.frontier(), changes.lastWrittenMicros());
        if (backlog && round.changes() > 0) {
          cuts.backlogRead();
        }
      }
      housekeeping.run(feed, cuts, replays, System.nanoTime());
      if (!cuts.inFlight() && coalescer.isEmpty()) {
        acknowledged.idle();
      }
      acknowledged.forget(c);
      if (!feed.moreWaiting() || paused) {
        LockSupport.parkNanos(5_000_000);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while reading the change table");
      }
    }
  }

  /** Stop requested: deliver everything pending, delete what it covered, return. */
  private void drain(
      Connection c, AcknowledgedChanges acknowledged, TriggerFeed feed, EpochCuts cuts)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    if (twoWay != null) {
      twoWay.stop();
    }
    EngineLog.LOG.info("stopping: delivering {} pending key(s) before exit", coalescer.size());
    cuts.finish();
    if (!coalescer.isEmpty()) {
      cuts.start();
      cuts.finish();
    }
    acknowledged.idle();
    acknowledged.forget(c);
    Checkpoint checkpoint = cuts.checkpoint();
    checkpoint.idle(feed.lastReceived(), coalescer.isEmpty(), false);
    feed.confirm(checkpoint.confirmable(), true);
    state.confirmedLsn(feed.confirmed());
    counter.sync();
    EngineLog.LOG.info("stopped; every change read is delivered");
  }
}

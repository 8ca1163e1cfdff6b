package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.CaptureFeed;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.deliver.Checkpoint;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.EpochCuts;
import io.serversidesync.runner.plan.FlushPolicy;
import io.serversidesync.runner.status.ProgressLog;
import io.serversidesync.runner.status.RunnerState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * What the capture thread does between reads: judges schema changes, completes and cuts flushes,
 * confirms what the checkpoint allows, reports progress, polls error replays and keeps two-way sync
 * going.
 */
final class Housekeeping {

  // a catch-up after downtime can read gigabytes of WAL: say how far it is, every 30 s
  private final ProgressLog catchUp = new ProgressLog(Duration.ofSeconds(30), Clock.systemUTC());
  private final SchemaWatch schema;
  private final Coalescer coalescer;
  private final ChangeCollector collector;
  private final FlushPolicy flushPolicy;
  private final RunnerState state;
  private final Duration statusInterval;
  private final CapturedCounter counter;
  private final ReplayRequests replayRequests;
  private final TwoWayUpkeep twoWay;
  private long lastForcedStatus;

  /**
   * @param twoWay two-way upkeep, or null for a one-way sync
   */
  Housekeeping(
      SyncContext context, SchemaWatch schema, ReplayRequests replayRequests, TwoWayUpkeep twoWay) {
    this.schema = schema;
    this.coalescer = context.coalescer();
    this.collector = context.collector();
    this.flushPolicy = context.flushPolicy();
    this.state = context.state();
    this.statusInterval = context.options().statusInterval();
    this.counter = context.counter();
    this.replayRequests = replayRequests;
    this.twoWay = twoWay;
  }

  /** Whether reading has stopped for good because the table no longer fits the mapping. */
  boolean mappingBroken() {
    return schema.broken() != null;
  }

  /** Trigger capture could not read its changes: a column the read names may be gone. */
  void readFailed(SQLException e) throws SQLException {
    if ("42703".equals(e.getSQLState())) { // undefined_column
      schema.readFailedOnAColumn();
    }
  }

  void run(CaptureFeed stream, EpochCuts cuts, ErrorReplays replays, long now)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    schema.check(now);
    if (schema.broken() != null) {
      // what came before the change is delivered and confirmed; nothing after it is read
      if (!cuts.inFlight() && !coalescer.isEmpty()) {
        cuts.start();
      }
      state.phase(Phase.Streaming, false, "MappingBroken", schema.broken());
    }
    Checkpoint checkpoint = cuts.checkpoint();
    if (cuts.inFlightDone()) {
      cuts.complete();
      // the slot hears of it with the next status update; forcing one per cut would make the
      // walsender save the slot many times a second under load
      if (now - lastForcedStatus > statusInterval.toNanos() / 10) {
        stream.confirm(checkpoint.confirmable(), true);
        state.confirmedLsn(stream.confirmed());
        lastForcedStatus = now;
      }
    }
    if (!cuts.inFlight()
        && !coalescer.isEmpty()
        && flushPolicy.mayCut(
            collector.inTransaction(), coalescer.size(), coalescer.estimatedBytes())
        && flushPolicy.flushDue(
            coalescer.size(),
            coalescer.estimatedBytes(),
            coalescer.firstChangeNanos(),
            now,
            stream.catchingUp())) {
      cuts.start();
    }
    checkpoint.idle(stream.lastReceived(), coalescer.isEmpty(), collector.inTransaction());
    if (Long.compareUnsigned(checkpoint.confirmable(), stream.confirmed()) > 0) {
      stream.confirm(checkpoint.confirmable(), false);
    }
    if (stream.catchingUp() && stream.backlogEnd() != 0) {
      long start = stream.startLsn();
      long received = Math.max(stream.lastReceived(), start);
      catchUp
          .catchUp(received - start, stream.backlogEnd() - received)
          .ifPresent(EngineLog.LOG::info);
    }
    state.serverLsn(stream.lastReceived());
    state.confirmedLsn(stream.confirmed());
    state.pendingKeys(coalescer.size());
    state.oldestUnackedCommitMicros(cuts.oldestUnackedCommitMicros());
    counter.sync();
    replayRequests.poll(now, replays);
    if (twoWay != null) {
      twoWay.check(stream, now);
    }
  }
}

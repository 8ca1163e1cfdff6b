package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.ChangeStream;
import io.serversidesync.runner.capture.PgOutputDecoder;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.deliver.Checkpoint;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.EpochCuts;
import io.serversidesync.runner.pg.Connections;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.plan.FlushPolicy;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The stream of one slot on the capture thread: reads and decodes WAL messages while the pending
 * bound allows, runs the housekeeping between reads, reconnects when Postgres goes away, and on a
 * stop delivers what is pending and confirms it.
 */
final class StreamLoop {

  private static final int MESSAGES_PER_ROUND = 4096;

  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final ChangeCollector collector;
  private final Coalescer coalescer;
  private final FlushPolicy flushPolicy;
  private final Housekeeping housekeeping;
  private final CapturedCounter counter;
  private final TwoWay twoWay;
  private final RunnerState state;
  private final Duration statusInterval;
  private final StopSignal stop;
  private final Backoff backoff;

  StreamLoop(SyncContext context, Housekeeping housekeeping) {
    this.connector = context.connector();
    this.objects = context.objects();
    this.collector = context.collector();
    this.coalescer = context.coalescer();
    this.flushPolicy = context.flushPolicy();
    this.housekeeping = housekeeping;
    this.counter = context.counter();
    this.twoWay = context.twoWay();
    this.state = context.state();
    this.statusInterval = context.options().statusInterval();
    this.stop = context.stop();
    this.backoff = context.backoff();
  }

  /**
   * Streams until stopped (returns true) or until the slot turns out to be gone (returns false):
   * someone dropped it, and the changes since are in no slot.
   *
   * @param replication the connection that created the slot, or null to connect
   */
  boolean stream(Connection replication, EpochCuts cuts, ErrorReplays replays)
      throws InterruptedException, ConfigurationRejectedException {
    int failures = 0;
    while (true) {
      ChangeStream stream = null;
      try {
        if (replication == null) {
          replication = connector.connectReplication();
        }
        long start = cuts.checkpoint().confirmable();
        stream =
            ChangeStream.start(replication, objects.name(), objects.name(), start, statusInterval);
        replication = null;
        collector.resetTransaction();
        PgOutputDecoder decoder = new PgOutputDecoder(collector);
        state.phase(Phase.Streaming, true, "Streaming", "streaming changes");
        state.confirmedLsn(stream.confirmed());
        if (stream.catchingUp() && stream.backlogEnd() - start >= 1 << 20) {
          EngineLog.LOG.info(
              "catching up with {} MiB of WAL written since {}; until it is read, changes are"
                  + " cut only at the pending bound (maxPendingKeys, maxPendingMemory), and a cut"
                  + " of them takes the path with the fewest calls",
              (stream.backlogEnd() - start) >> 20,
              Lsn.format(start));
        }
        if (failures > 0) {
          EngineLog.LOG.info("replication stream resumed from {}", Lsn.format(start));
        }
        failures = 0;
        pump(stream, decoder, cuts, replays);
        drain(stream, cuts);
        return true;
      } catch (SQLException e) {
        if (slotGone(e)) {
          String message =
              "replication slot "
                  + objects.name()
                  + " was dropped under the runner; creating it again and reading the table"
                  + " again (rows deleted while it was gone are not deleted in the destination)";
          state.phase(Phase.Pending, false, "SlotDropped", message);
          EngineLog.LOG.warn(message);
          cuts.finish();
          return false;
        }
        failures++;
        Duration wait = backoff.after(failures);
        SourceFailure failure =
            SourceFailure.of("lost the replication connection to", e, connector);
        String message =
            failure.message()
                + "; reconnecting in "
                + wait.toMillis()
                + " ms, resuming from the confirmed LSN";
        state.phase(Phase.Streaming, false, failure.reason(), message);
        EngineLog.LOG.warn(message);
        if (stop.requested()) {
          cuts.finish();
          return true;
        }
        stop.sleep(wait);
      } finally {
        Connections.closeQuietly(replication, connector);
        replication = null;
        if (stream != null) {
          try {
            stream.close();
          } catch (SQLException e) {
            EngineLog.LOG.debug("closing the stream: {}", connector.safeMessage(e));
          }
        }
      }
      if (stop.requested()) {
        cuts.finish();
        return true;
      }
    }
  }

  /** Whether a failure to stream is the slot missing (as the catalog confirms). */
  private boolean slotGone(SQLException e) {
    if (!"42704".equals(e.getSQLState())) { // undefined_object
      return false;
    }
    try (Connection c = connector.connect()) {
      return objects.slot(c).isEmpty();
    } catch (SQLException unreachable) {
      return false; // cannot tell now: handled as an outage, and asked again at the next failure
    }
  }

  private void pump(
      ChangeStream stream, PgOutputDecoder decoder, EpochCuts cuts, ErrorReplays replays)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    long lastHeartbeat = System.nanoTime();
    while (!stop.requested()) {
      int read = 0;
      boolean paused = (cuts.inFlight() && cuts.atBound()) || housekeeping.mappingBroken();
      if (!paused) {
        long captured = collector.changesCaptured();
        ByteBuffer message;
        while (read < MESSAGES_PER_ROUND && (message = stream.poll()) != null) {
          decoder.decode(
              message.array(), message.arrayOffset() + message.position(), message.remaining());
          read++;
          if (collector.changesCaptured() != captured) {
            captured = collector.changesCaptured();
            if (stream.catchingUp()) { // this message was written before streaming started
              cuts.backlogRead();
            }
          }
          if (collector.missingColumns() != null) {
            break; // judged before anything under that Relation is read
          }
          // stop reading to cut a flush (between transactions), or, with a cut already in
          // flight, at the bound
          if (!cuts.inFlight()
              ? flushPolicy.full(coalescer.size(), coalescer.estimatedBytes(), stream.catchingUp())
                  && flushPolicy.mayCut(
                      collector.inTransaction(), coalescer.size(), coalescer.estimatedBytes())
              : cuts.atBound()) {
            break;
          }
        }
      }
      long now = System.nanoTime();
      housekeeping.run(stream, cuts, replays, now);
      if (paused && now - lastHeartbeat > statusInterval.toNanos() / 2) {
        stream.heartbeat();
        lastHeartbeat = now;
      }
      if (read == 0) {
        LockSupport.parkNanos(paused ? 5_000_000 : 1_000_000);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while streaming");
      }
    }
  }

  /** Stop requested with the stream alive: deliver everything pending, confirm, return. */
  private void drain(ChangeStream stream, EpochCuts cuts)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    if (twoWay != null) {
      twoWay.stop();
    }
    EngineLog.LOG.info(
        "stopping: delivering {} pending key(s) and confirming before exit", coalescer.size());
    cuts.finish();
    if (!coalescer.isEmpty()) {
      cuts.start();
      cuts.finish();
    }
    Checkpoint checkpoint = cuts.checkpoint();
    checkpoint.idle(stream.lastReceived(), coalescer.isEmpty(), collector.inTransaction());
    stream.confirm(checkpoint.confirmable(), true);
    state.confirmedLsn(stream.confirmed());
    counter.sync();
    EngineLog.LOG.info("stopped; confirmed {}", Lsn.format(stream.confirmed()));
  }
}

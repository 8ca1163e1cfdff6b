package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.ReplicationSlot;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.deliver.Checkpoint;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.pg.Connections;
import io.serversidesync.runner.pg.Lsn;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * Makes sure the slot exists with a completely delivered snapshot: resumes a slot whose snapshot
 * was delivered, reads the table again for one whose snapshot was interrupted, or creates the slot
 * and reads its exported snapshot; retries while Postgres cannot be reached.
 *
 * <p>A slot whose snapshot was not completely delivered (the runner died or stopped during it) is
 * kept: the table is read again as it is now and streaming starts at the slot's consistent point.
 * The stream carries every change since that point, so a row the interrupted attempt delivered and
 * that was deleted since is deleted in the destination; a new slot's stream would not carry that
 * delete, and its record would stay. Changes between the consistent point and the new read are
 * delivered again after it, which upserts by external id make harmless.
 */
final class SlotPreparation {

  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final SyncStateTable syncState;
  private final Coalescer coalescer;
  private final InitialSnapshot snapshot;
  private final RunnerState state;
  private final StopSignal stop;
  private final Backoff backoff;

  SlotPreparation(SyncContext context, InitialSnapshot snapshot) {
    this.connector = context.connector();
    this.objects = context.objects();
    this.syncState = context.syncState();
    this.coalescer = context.coalescer();
    this.snapshot = snapshot;
    this.state = context.state();
    this.stop = context.stop();
    this.backoff = context.backoff();
  }

  PreparedSlot prepare() throws InterruptedException, ConfigurationRejectedException {
    int attempt = 0;
    while (!stop.requested()) {
      Connection replication = null;
      try {
        // rows of an interrupted attempt are older than the new read: a row deleted in between
        // must not come back from them
        coalescer.cut(0);
        try (Connection c = connector.connect()) {
          Optional<ReplicationSlot> slot = objects.slot(c);
          if (slot.isPresent() && syncState.snapshotCompleted(c)) {
            EngineLog.LOG.info(
                "resuming slot {} from {}",
                objects.name(),
                Lsn.format(slot.get().confirmedFlushLsn()));
            return new PreparedSlot(null, new Checkpoint(slot.get().confirmedFlushLsn()));
          }
          if (slot.isPresent()) {
            long consistentPoint = slot.get().confirmedFlushLsn();
            EngineLog.LOG.warn(
                "the table's rows are not all delivered with slot {} (its initial snapshot was"
                    + " interrupted, or the table's changes could not be followed); reading the"
                    + " table again, then streaming from {}",
                objects.name(),
                Lsn.format(consistentPoint));
            snapshot.read(c, null, consistentPoint);
            return new PreparedSlot(null, new Checkpoint(consistentPoint));
          }
        }
        replication = connector.connectReplication();
        ReplicationSlotInfo info = objects.createSlotWithSnapshot(replication);
        long consistentPoint = info.getConsistentPoint().asLong();
        EngineLog.LOG.info(
            "created slot {} at {}; reading the initial snapshot",
            objects.name(),
            Lsn.format(consistentPoint));
        try (Connection c = connector.connect()) {
          snapshot.read(c, info.getSnapshotName(), consistentPoint);
        }
        return new PreparedSlot(replication, new Checkpoint(consistentPoint));
      } catch (InitialSnapshot.RejectedDuringSnapshot e) {
        Connections.closeQuietly(replication, connector);
        throw e.rejection();
      } catch (InterruptedException e) {
        Connections.closeQuietly(replication, connector);
        throw e;
      } catch (SQLException e) {
        Connections.closeQuietly(replication, connector);
        attempt++;
        SourceFailure failure = SourceFailure.of("initial snapshot interrupted at", e, connector);
        state.phase(Phase.Snapshotting, false, failure.reason(), failure.message());
        EngineLog.LOG.warn("{}; retrying", failure.message());
        stop.sleep(backoff.after(attempt));
      }
    }
    throw new InterruptedException("stopped before the snapshot completed");
  }
}

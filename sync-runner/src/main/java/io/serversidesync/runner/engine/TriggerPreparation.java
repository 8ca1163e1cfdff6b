package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.triggers.ChangeTableReader;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Trigger capture's counterpart of {@link SlotPreparation}: with the triggers installed, reads the
 * table as it is now unless a read since their installation was completely delivered. Every change
 * after the installation is in the change table, so the read and the change table together miss
 * nothing; a change in both is sent twice, which upserts by external id make harmless.
 */
final class TriggerPreparation {

  private final PostgresConnector connector;
  private final TriggerObjects objects;
  private final SyncStateTable syncState;
  private final InitialSnapshot snapshot;
  private final ChangeTableReader reader;
  private final RunnerState state;
  private final StopSignal stop;
  private final Backoff backoff;
  private final Coalescer coalescer;

  TriggerPreparation(SyncContext context, InitialSnapshot snapshot, ChangeTableReader reader) {
    this.connector = context.connector();
    this.objects = new TriggerObjects(context.settings());
    this.syncState = context.syncState();
    this.snapshot = snapshot;
    this.reader = reader;
    this.state = context.state();
    this.stop = context.stop();
    this.backoff = context.backoff();
    this.coalescer = context.coalescer();
  }

  void prepare() throws InterruptedException, ConfigurationRejectedException {
    int attempt = 0;
    while (!stop.requested()) {
      // rows of an interrupted read are older than the new one
      coalescer.cut(0);
      try (Connection c = connector.connect()) {
        if (!objects.installed(c).complete()) {
          throw new SQLException(
              "the capture triggers of the sync are not installed as the spec needs (dropped"
                  + " while starting?)",
              "55000");
        }
        if (syncState.snapshotCompleted(c)) {
          EngineLog.LOG.info(
              "resuming from the change table {} at its first change not yet acknowledged",
              objects.changeTable());
          return;
        }
        EngineLog.LOG.info(
            "reading the table; changes from now on are recorded in {}", objects.changeTable());
        snapshot.read(c, null, reader.frontier());
        return;
      } catch (InitialSnapshot.RejectedDuringSnapshot e) {
        throw e.rejection();
      } catch (SQLException e) {
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

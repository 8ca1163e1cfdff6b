package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.PostgresConnector;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.SourceFailure;
import io.serversidesync.runner.capture.TableInfo;
import io.serversidesync.runner.checkpoint.SyncStateTable;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.errors.ErrorsTable;
import io.serversidesync.runner.preflight.Preflight;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Gets the source database ready before anything is read: checks it (preflight), creates the
 * runner's tables and the publication, retrying while Postgres cannot be reached.
 */
final class SourcePreparation {

  private final SyncSettings settings;
  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final TwoWay twoWay;
  private final RunnerState state;
  private final StopSignal stop;
  private final Backoff backoff;

  /**
   * @param twoWay the reverse direction, or null for a one-way sync
   */
  SourcePreparation(
      SyncSettings settings,
      PostgresConnector connector,
      ReplicationObjects objects,
      TwoWay twoWay,
      RunnerState state,
      StopSignal stop,
      Backoff backoff) {
    this.settings = settings;
    this.connector = connector;
    this.objects = objects;
    this.twoWay = twoWay;
    this.state = state;
    this.stop = stop;
    this.backoff = backoff;
  }

  /**
   * Returns the synced table as the catalog describes it.
   *
   * @throws PreflightException the database is not fit for the sync (nothing was created)
   * @throws InterruptedException a stop was requested before the database was ready
   */
  TableInfo prepare() throws PreflightException, InterruptedException {
    state.phase(Phase.Pending, false, "Preflight", "checking the source database");
    int attempt = 0;
    while (true) {
      try (Connection c = connector.connect()) {
        TableInfo table = new Preflight(settings).check(c);
        ErrorsTable.create(c);
        SyncStateTable.create(c);
        String foreign = objects.foreignPublicationProblem(c, table);
        if (foreign != null) {
          throw new PreflightException(List.of(foreign));
        }
        if (twoWay != null) {
          twoWay.prepare(c);
        }
        String broken = objects.ensurePublication(c, table);
        if (broken != null) {
          String where = settings.schema() + "." + settings.table();
          throw new PreflightException(
              List.of(
                  "publication "
                      + objects.name()
                      + " would make UPDATE or DELETE on "
                      + where
                      + " fail ("
                      + broken
                      + "), so it was not created. Use only replica identity columns in"
                      + " spec.source.filter, or ALTER TABLE "
                      + where
                      + " REPLICA IDENTITY FULL"));
        }
        return table;
      } catch (SQLException e) {
        attempt++;
        // a refused login or a missing privilege is not an outage: the status says what fixes it
        // (the runner retries, so the fix takes effect without a restart)
        SourceFailure failure =
            SourceFailure.of("cannot prepare the source database", e, connector);
        state.phase(Phase.Pending, false, failure.reason(), failure.message());
        EngineLog.LOG.warn("{}; retrying", failure.message());
        stop.sleep(backoff.after(attempt));
        if (stop.requested()) {
          throw new InterruptedException("stopped before the source database was ready");
        }
      }
    }
  }
}

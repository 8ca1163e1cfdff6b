package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.ForeignPublication;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.errors.ErrorsTable;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.pg.TableInfo;
import io.serversidesync.runner.preflight.Preflight;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Gets the source database ready before anything is read: checks it (preflight), then, once the
 * destination accepted the mapping too, creates the runner's tables and the publication; both retry
 * while Postgres cannot be reached.
 */
final class SourcePreparation {

  private final SyncSettings settings;
  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final Destination destination;
  private final TwoWay twoWay;
  private final SyncStateTable syncState;
  private final RunnerState state;
  private final StopSignal stop;
  private final Backoff backoff;

  SourcePreparation(SyncContext context) {
    this.settings = context.settings();
    this.destination = context.destination();
    this.connector = context.connector();
    this.objects = context.objects();
    this.twoWay = context.twoWay();
    this.syncState = context.syncState();
    this.state = context.state();
    this.stop = context.stop();
    this.backoff = context.backoff();
  }

  /**
   * Checks the database without changing it (preflight, and a publication of the same name that is
   * not the runner's); returns the synced table as the catalog describes it.
   *
   * @throws PreflightException the database is not fit for the sync
   * @throws InterruptedException a stop was requested before the database answered
   */
  TableInfo check() throws PreflightException, InterruptedException {
    int idLength = destination.rules().nativeIdLength();
    return retrying(
        c -> {
          TableInfo table = new Preflight(settings, idLength).check(c);
          String foreign =
              settings.triggerCapture()
                  ? null
                  : new ForeignPublication(settings, objects).problem(c, table);
          if (foreign != null) {
            throw new PreflightException(List.of(foreign));
          }
          return table;
        });
  }

  /**
   * Creates the runner's tables and the publication. Called only once every check passed, the
   * destination's included: a publication left by a start that then failed would hold the table's
   * columns ({@code ALTER TABLE … DROP COLUMN} refuses to drop a published column).
   *
   * @throws PreflightException the publication would break the table's updates (not created)
   * @throws InterruptedException a stop was requested before the database was ready
   */
  void create(TableInfo table) throws PreflightException, InterruptedException {
    retrying(
        c -> {
          ErrorsTable.create(c);
          SyncStateTable.create(c);
          if (twoWay != null) {
            twoWay.prepare(c);
          }
          leaveOtherCapture(c);
          if (settings.triggerCapture()) {
            installTriggers(c);
            return table;
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
        });
  }

  /**
   * Installs the capture triggers unless they are installed as the spec needs (by a DBA, or by an
   * earlier start). The preflight made sure this role may.
   */
  private void installTriggers(Connection c) throws SQLException {
    TriggerObjects triggers = new TriggerObjects(settings);
    if (triggers.installed(c).complete()) {
      return;
    }
    triggers.install(c);
    // a table read before these triggers missed changes they did not record: read it again
    syncState.snapshotCompleted(c, false);
    EngineLog.LOG.info(
        "installed the capture triggers on {}.{}; changes are recorded in {}",
        settings.schema(),
        settings.table(),
        triggers.changeTable());
  }

  /**
   * A sync switched between capture methods leaves the other method's objects behind: a slot that
   * retains WAL for ever, or triggers that keep filling a change table nobody reads. They are the
   * sync's own (named after it), so they go.
   */
  private void leaveOtherCapture(Connection c) throws SQLException {
    if (!settings.triggerCapture()) {
      if (new TriggerObjects(settings).drop(c)) {
        EngineLog.LOG.info(
            "dropped the capture triggers of {}: the sync captures by logical replication now",
            objects.name());
      }
      return;
    }
    try {
      if (objects.dropSlot(c)) {
        EngineLog.LOG.info(
            "dropped replication slot {}: the sync captures with triggers now", objects.name());
      }
      objects.dropPublication(c);
    } catch (SQLException e) {
      EngineLog.LOG.warn(
          "replication slot or publication {} is left from capture by logical replication and"
              + " could not be dropped ({}); a slot retains WAL until it is dropped: SELECT"
              + " pg_drop_replication_slot('{}')",
          objects.name(),
          connector.safeMessage(e),
          objects.name());
    }
  }

  /** One step on the source database. */
  @FunctionalInterface
  private interface Step<T> {
    T run(Connection c) throws SQLException, PreflightException;
  }

  /** Runs {@code step}, again after every failure to reach or use the database. */
  private <T> T retrying(Step<T> step) throws PreflightException, InterruptedException {
    int attempt = 0;
    while (true) {
      try (Connection c = connector.connect()) {
        return step.run(c);
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

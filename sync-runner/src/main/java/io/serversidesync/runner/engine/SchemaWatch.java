package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.triggers.TriggerObjects;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.Catalog;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.pg.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Judges schema changes met while streaming: mapped columns missing from a Relation message, and a
 * publication that no longer publishes the table. When the table no longer fits the mapping,
 * reading stops for good and the next start reads the table again.
 */
final class SchemaWatch {

  private final SyncSettings settings;
  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final SyncStateTable syncState;
  private final ChangeCollector collector;
  private final Duration publicationCheckInterval;

  private long lastPublicationCheck;

  /** Why reading stopped because the table no longer fits the mapping (null while it does). */
  private String mappingBroken;

  SchemaWatch(SyncContext context) {
    this.settings = context.settings();
    this.connector = context.connector();
    this.objects = context.objects();
    this.syncState = context.syncState();
    this.collector = context.collector();
    this.publicationCheckInterval = context.options().statusInterval();
  }

  /** Judges missing columns the collector met, and the publication when its check is due. */
  void check(long now) throws SQLException {
    if (mappingBroken == null && collector.missingColumns() != null) {
      judgeMissingColumns(collector.missingColumns());
    }
    if (mappingBroken == null && now - lastPublicationCheck > publicationCheckInterval.toNanos()) {
      lastPublicationCheck = now;
      checkPublication();
    }
  }

  /** Why reading stopped for good, or null while the table fits the mapping. */
  String broken() {
    return mappingBroken;
  }

  /**
   * Trigger capture's read named a column that does not exist (42703): if a mapped column is gone,
   * stop reading as when a Relation message lacks it. Without the upsert key column the capture
   * function fails every write of the table, so its triggers are dropped at once: the next start
   * installs them again and reads the table.
   */
  void readFailedOnAColumn() throws SQLException {
    List<String> missing;
    try (Connection c = connector.connect()) {
      Optional<TableInfo> now = Catalog.table(c, settings.schema(), settings.table());
      missing =
          settings.columns().stream()
              .filter(col -> now.isEmpty() || !now.get().columnTypes().containsKey(col))
              .toList();
      if (missing.contains(settings.upsertKey()) && new TriggerObjects(settings).drop(c)) {
        EngineLog.LOG.warn(
            "dropped the capture triggers of {}.{}: without column {} they would make every write"
                + " of the table fail",
            settings.schema(),
            settings.table(),
            settings.upsertKey());
      }
    }
    if (!missing.isEmpty()) {
      judgeMissingColumns(missing);
    }
  }

  /**
   * A Relation message lacks mapped columns. If the table has them now, the message describes it
   * before a change the mapping already follows (a restart after fixing a rename replays such
   * changes): read on without those fields. Otherwise the mapping is broken: stop reading.
   */
  private void judgeMissingColumns(List<String> missing) throws SQLException {
    String where = settings.schema() + "." + settings.table();
    try (Connection c = connector.connect()) {
      Optional<TableInfo> now = Catalog.table(c, settings.schema(), settings.table());
      List<String> gone =
          missing.stream()
              .filter(col -> now.isEmpty() || !now.get().columnTypes().containsKey(col))
              .toList();
      if (gone.isEmpty()) {
        collector.acceptMissingColumns();
        return;
      }
      stopReading(
          c,
          "column(s) "
              + String.join(", ", gone)
              + " of "
              + where
              + " named in spec.mapping no longer exist (renamed or dropped while streaming)."
              + " The runner stopped reading there and confirms nothing after it. Fix"
              + " spec.mapping (or restore the column) and restart the runner: it reads the table"
              + " again, so no value changed in between is missed");
    }
  }

  /**
   * A publication that no longer lists the table (Postgres drops it when a listed column is dropped
   * with CASCADE) silently stops its changes: stop and have the next start read the table.
   */
  private void checkPublication() throws SQLException {
    try (Connection c = connector.connect()) {
      if (settings.triggerCapture()) {
        checkTriggers(c);
        return;
      }
      if (objects.publishesTable(c)) {
        return;
      }
      stopReading(
          c,
          "publication "
              + objects.name()
              + " no longer publishes "
              + settings.schema()
              + "."
              + settings.table()
              + " (dropping a column it lists with CASCADE does that), so its changes are not in"
              + " the stream. Fix spec.mapping if a mapped column was dropped, then restart the"
              + " runner: it publishes the table again and reads it again, so no row changed in"
              + " between is missed (rows deleted in between are not deleted in the destination)");
    }
  }

  /**
   * Triggers dropped, disabled or replaced stop recording changes: stop, and have the next start
   * install them again and read the table.
   */
  private void checkTriggers(Connection c) throws SQLException {
    TriggerObjects triggers = new TriggerObjects(settings);
    if (triggers.installed(c).complete()) {
      return;
    }
    stopReading(
        c,
        "the capture triggers on "
            + settings.schema()
            + "."
            + settings.table()
            + " or their function were dropped, disabled or changed, so changes are no longer"
            + " recorded in "
            + triggers.changeTable()
            + ". Restart the runner: it installs them again (or asks for the DBA's script) and"
            + " reads the table again, so no row changed in between is missed (rows deleted in"
            + " between are not deleted in the destination)");
  }

  /** Stops reading for good; the next start reads the table again before streaming on. */
  private void stopReading(Connection c, String message) throws SQLException {
    syncState.snapshotCompleted(c, false);
    mappingBroken = message;
    EngineLog.LOG.error(message);
  }
}

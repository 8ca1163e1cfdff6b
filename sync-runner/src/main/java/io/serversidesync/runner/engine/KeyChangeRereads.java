package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.SnapshotColumns;
import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.CutListener;
import io.serversidesync.runner.pg.PostgresConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads again the rows whose key changed in an update, before their new record is cut: the update's
 * WAL image leaves unchanged TOAST values out, which is right for a record the destination already
 * has and wrong for one it does not. The row as it is now replaces the pending image (it is the
 * same change or a later one, and a later one arrives from the stream anyway). A row gone since is
 * sent as it was captured; its delete follows in the stream.
 */
final class KeyChangeRereads implements CutListener {

  private final SyncSettings settings;
  private final PostgresConnector connector;
  private final Coalescer coalescer;
  private final ChangeCollector collector;
  private final SnapshotColumns columns;

  KeyChangeRereads(SyncContext context, SnapshotColumns columns) {
    this.settings = context.settings();
    this.connector = context.connector();
    this.coalescer = context.coalescer();
    this.collector = context.collector();
    this.columns = columns;
  }

  @Override
  public void cut() {
    // nothing travels with the cut: the rows were read into it
  }

  @Override
  public void delivered() {
    // nothing to finish
  }

  @Override
  public void beforeCut() throws SQLException, InterruptedException {
    List<String> keys = coalescer.incompleteKeys();
    if (keys.isEmpty()) {
      return;
    }
    long position = coalescer.position();
    try (Connection c = connector.connect()) {
      long read =
          new SnapshotReader(settings)
              .readKeys(
                  c,
                  keys,
                  row ->
                      collector.recordedRow(row, columns.columns(), columns.types(), position, 0));
      EngineLog.LOG.debug("re-read {} of {} row(s) whose key changed", read, keys.size());
    }
  }
}

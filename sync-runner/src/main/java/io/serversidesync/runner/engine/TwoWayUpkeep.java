package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.CaptureFeed;
import io.serversidesync.runner.capture.SnapshotColumns;
import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.reverse.TwoWay;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two-way sync as the capture thread sees it: starts the reverse direction, stops the sync when
 * that direction met a configuration error, and queues keys to send again once capture has read
 * past their request.
 */
final class TwoWayUpkeep {

  private final TwoWay twoWay;
  private final SyncSettings settings;
  private final ChangeCollector collector;
  private final SnapshotColumns columns;
  private final Duration resendPollInterval;
  private long lastResendPoll;

  TwoWayUpkeep(SyncContext context, SnapshotColumns columns) {
    this.twoWay = context.twoWay();
    this.settings = context.settings();
    this.collector = context.collector();
    this.columns = columns;
    this.resendPollInterval = context.options().replayPollInterval();
  }

  /** Starts the reverse direction from the slot's confirmed position. */
  void start(long confirmed) throws ConfigurationRejectedException {
    try {
      twoWay.start(confirmed);
    } catch (DestinationException e) {
      throw new ConfigurationRejectedException(e);
    }
  }

  void check(CaptureFeed stream, long now) throws ConfigurationRejectedException {
    DestinationException failed = twoWay.failure();
    if (failed != null) {
      throw new ConfigurationRejectedException(failed);
    }
    if (now - lastResendPoll > resendPollInterval.toNanos()) {
      lastResendPoll = now;
      // every transaction committed before this position has been decoded
      long position = collector.lastCommitEnd();
      if (!collector.inTransaction() && Long.compareUnsigned(stream.lastReceived(), position) > 0) {
        position = stream.lastReceived();
      }
      twoWay.resends().poll(position, this::resend);
    }
  }

  /** Re-reads the rows of keys to send again and queues them; a missing row becomes a delete. */
  private Set<String> resend(Connection c, List<String> keys, long position) throws SQLException {
    Set<String> found = new HashSet<>();
    int keyField = settings.keyField();
    try {
      new SnapshotReader(settings)
          .readKeys(
              c,
              keys,
              row -> {
                found.add(row.text(keyField));
                collector.recordedRow(row, columns.columns(), columns.types(), position, 0);
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
    Set<String> queued = new HashSet<>(found);
    for (String key : keys) {
      if (!found.contains(key) && collector.keyGone(key, position)) {
        queued.add(key);
      }
    }
    return queued;
  }
}

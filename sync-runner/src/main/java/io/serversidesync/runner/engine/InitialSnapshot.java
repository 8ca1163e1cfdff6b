package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.SnapshotColumns;
import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.EpochDelivery;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.plan.FlushPolicy;
import io.serversidesync.runner.status.ProgressLog;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads the whole table and delivers every row on the calling thread, in flushes as the pending
 * bound allows, and records the snapshot as complete; confirms nothing.
 */
final class InitialSnapshot {

  /** How often a long snapshot logs its progress, and every how many rows it looks. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private static final int PROGRESS_ROWS = 1_000;

  private final SyncSettings settings;
  private final SyncStateTable syncState;
  private final ChangeCollector collector;
  private final Coalescer coalescer;
  private final FlushPolicy flushPolicy;
  private final EpochDelivery delivery;
  private final SnapshotColumns columns;
  private final CapturedCounter counter;
  private final RunnerState state;
  private final StopSignal stop;

  InitialSnapshot(SyncContext context, EpochDelivery delivery, SnapshotColumns columns) {
    this.settings = context.settings();
    this.syncState = context.syncState();
    this.collector = context.collector();
    this.coalescer = context.coalescer();
    this.flushPolicy = context.flushPolicy();
    this.delivery = delivery;
    this.columns = columns;
    this.counter = context.counter();
    this.state = context.state();
    this.stop = context.stop();
  }

  /**
   * Reads the table (as of the exported snapshot, or as it is now when {@code snapshotName} is
   * null), delivers every row and records the snapshot as complete; confirms nothing.
   *
   * @throws RejectedDuringSnapshot the destination rejected the configuration during the read
   */
  void read(Connection c, String snapshotName, long consistentPoint)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    state.phase(Phase.Snapshotting, true, "Snapshotting", "reading the initial snapshot");
    syncState.snapshotStarted(c, consistentPoint);
    ProgressLog progress = new ProgressLog(PROGRESS_EVERY, Clock.systemUTC());
    long[] read = {0};
    long[] estimated = {-1};
    long rows =
        new SnapshotReader(settings)
            .read(
                c,
                snapshotName,
                estimate -> {
                  estimated[0] = estimate;
                  state.snapshotProgress(0, estimate);
                },
                row -> {
                  if (stop.requested()) {
                    throw new InterruptedException(
                        "stopped during the initial snapshot; the next start takes it again");
                  }
                  collector.snapshotRow(row, columns.columns(), columns.types());
                  if (++read[0] % PROGRESS_ROWS == 0) {
                    state.snapshotProgress(read[0], estimated[0]);
                    progress.snapshot(read[0], estimated[0]).ifPresent(EngineLog.LOG::info);
                  }
                  if (flushPolicy.full(coalescer.size(), coalescer.estimatedBytes(), false)) {
                    try {
                      deliverNow(Phase.Snapshotting);
                    } catch (ConfigurationRejectedException e) {
                      throw new RejectedDuringSnapshot(e);
                    }
                  }
                });
    deliverNow(Phase.Snapshotting);
    state.snapshotProgress(rows, estimated[0]);
    syncState.snapshotCompleted(c, true);
    EngineLog.LOG.info("initial snapshot delivered: {} row(s)", rows);
  }

  /** Delivers everything pending on this thread (snapshot phase); confirms nothing. */
  private void deliverNow(Phase phase) throws InterruptedException, ConfigurationRejectedException {
    counter.sync();
    PendingCut cut = coalescer.cut(0);
    if (!cut.isEmpty()) {
      delivery.deliver(cut, phase, true);
    }
  }

  /** Carries a configuration rejection out of the snapshot's row callback. */
  static final class RejectedDuringSnapshot extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ConfigurationRejectedException rejection;

    RejectedDuringSnapshot(ConfigurationRejectedException rejection) {
      super(rejection);
      this.rejection = rejection;
    }

    ConfigurationRejectedException rejection() {
      return rejection;
    }
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.CutListener;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.status.RunnerState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays of recorded errors: acts once per value of the replay-errors annotation, re-reads the
 * rows whose replay was requested (by the annotation or `errors replay`) and queues them as full
 * images; a request is cleared once the cut carrying its row is delivered. Used by the capture
 * thread only.
 */
public final class ErrorReplays implements CutListener {

  private static final Logger log = LoggerFactory.getLogger(ErrorReplays.class);

  private final SyncSettings settings;
  private final ErrorsStore errors;
  private final SyncStateTable syncState;
  private final RunnerState state;
  private final ChangeCollector collector;
  private final int[] columns;
  private final int[] types;
  private final Set<String> pending = new LinkedHashSet<>();
  private List<String> inFlight = List.of();

  /**
   * @param columns for each mapped field, its column in a re-read row (the identity)
   * @param types for each mapped field, its type OID
   */
  ErrorReplays(SyncContext context, ErrorsStore errors, int[] columns, int[] types) {
    this.settings = context.settings();
    this.errors = errors;
    this.syncState = context.syncState();
    this.state = context.state();
    this.collector = context.collector();
    this.columns = columns;
    this.types = types;
  }

  /** Requests a replay of every unresolved error if {@code requested} is a new value. */
  void acknowledge(String requested) throws InterruptedException {
    String acknowledged =
        errors.withRetry(
            "read the replay acknowledgement",
            c -> {
              String done = syncState.replayAcknowledged(c);
              if (requested != null && !requested.equals(done)) {
                int rows = errors.table().requestReplay(c);
                syncState.acknowledgeReplay(c, requested);
                log.info("replay of errors requested ({}): {} row(s) re-queued", requested, rows);
                return requested;
              }
              return done;
            });
    state.replayErrorsAcknowledged(acknowledged);
  }

  /** Re-reads the rows of errors whose replay was requested and queues them (one try). */
  void poll() {
    List<String> found =
        errors.tryOnce("look for replay requests", c -> errors.table().replayRequestedKeys(c));
    if (found == null) {
      return;
    }
    List<String> keys =
        found.stream().filter(k -> !pending.contains(k) && !inFlight.contains(k)).toList();
    if (keys.isEmpty()) {
      return;
    }
    Long rows =
        errors.tryOnce(
            "re-read rows to replay",
            c -> {
              try {
                return new SnapshotReader(settings)
                    .readKeys(c, keys, row -> collector.snapshotRow(row, columns, types));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
              }
            });
    if (rows != null) {
      pending.addAll(keys);
      log.info("replaying {} error key(s): {} row(s) re-read and queued", keys.size(), rows);
    }
  }

  /** The pending changes were cut: the queued replays travel with that cut. */
  @Override
  public void cut() {
    inFlight = new ArrayList<>(pending);
    pending.clear();
  }

  /** The cut was delivered: its replay requests are done. */
  @Override
  public void delivered() {
    if (inFlight.isEmpty()) {
      return;
    }
    List<String> keys = inFlight;
    // if this fails the keys are replayed once more later: harmless
    errors.tryOnce(
        "clear replay requests",
        c -> {
          errors.table().replayed(c, keys);
          return null;
        });
    inFlight = List.of();
  }
}

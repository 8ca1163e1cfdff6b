package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.CutListener;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.status.RunnerState;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays of recorded errors: acts once per value of the replay-errors annotation, re-reads the
 * rows whose replay was requested (by the annotation or `errors replay`) or whose scheduled try is
 * due (a record waiting for its parent) and queues them as full images; a request is cleared once
 * the cut carrying its row is delivered. Used by the capture thread only.
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

  /** How long a scheduled try is leased to this runner: a stop before its outcome frees it. */
  static final Duration RETRY_LEASE = Duration.ofMinutes(5);

  private final Set<String> pending = new LinkedHashSet<>();

  /** Keys of scheduled tries by the lease the errors table holds for them. */
  private final Map<String, Instant> pendingRetries = new LinkedHashMap<>();

  private List<String> inFlight = List.of();
  private Map<String, Instant> inFlightRetries = new LinkedHashMap<>();

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

  /** Re-reads the rows of errors whose replay was requested or whose try is due (one try). */
  void poll() {
    Instant now = Instant.now();
    Instant lease = now.plus(RETRY_LEASE).truncatedTo(ChronoUnit.MICROS);
    Due found =
        errors.tryOnce(
            "look for replay requests and due retries",
            c ->
                new Due(
                    errors.table().replayRequestedKeys(c),
                    errors.table().takeDueRetries(c, now, lease)));
    if (found == null) {
      return;
    }
    // a due key already queued or in flight was leased again just now: its lease is the new one
    for (String k : found.retries()) {
      pendingRetries.computeIfPresent(k, (key, old) -> lease);
      inFlightRetries.computeIfPresent(k, (key, old) -> lease);
    }
    Set<String> keys = new LinkedHashSet<>(found.requested());
    keys.addAll(found.retries());
    keys.removeIf(k -> pending.contains(k) || inFlight.contains(k));
    if (keys.isEmpty()) {
      return;
    }
    List<String> toRead = List.copyOf(keys);
    Long rows =
        errors.tryOnce(
            "re-read rows to replay",
            c -> {
              try {
                return new SnapshotReader(settings)
                    .readKeys(c, toRead, row -> collector.snapshotRow(row, columns, types));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
              }
            });
    if (rows != null) {
      pending.addAll(toRead);
      found.retries().stream().filter(keys::contains).forEach(k -> pendingRetries.put(k, lease));
      log.info(
          "replaying {} error key(s), {} of them waiting for their parent: {} row(s) re-read and"
              + " queued",
          toRead.size(),
          found.retries().stream().filter(keys::contains).count(),
          rows);
    }
  }

  /** What one look at the errors table found. */
  private record Due(List<String> requested, List<String> retries) {}

  /** The pending changes were cut: the queued replays travel with that cut. */
  @Override
  public void cut() {
    inFlight = new ArrayList<>(pending);
    pending.clear();
    inFlightRetries = new LinkedHashMap<>(pendingRetries);
    pendingRetries.clear();
  }

  /** The cut was delivered: its replay requests are done. */
  @Override
  public void delivered() {
    if (inFlight.isEmpty()) {
      return;
    }
    List<String> keys = inFlight;
    Map<Instant, List<String>> retriesByLease = new LinkedHashMap<>();
    inFlightRetries.forEach(
        (key, lease) -> retriesByLease.computeIfAbsent(lease, l -> new ArrayList<>()).add(key));
    // if this fails the keys are replayed once more later: harmless
    errors.tryOnce(
        "clear replay requests",
        c -> {
          errors.table().replayed(c, keys);
          for (Map.Entry<Instant, List<String>> leased : retriesByLease.entrySet()) {
            errors.table().endLease(c, leased.getValue(), leased.getKey());
          }
          return null;
        });
    inFlight = List.of();
    inFlightRetries = new LinkedHashMap<>();
  }
}

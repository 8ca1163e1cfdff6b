package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.Catalog;
import io.serversidesync.runner.capture.ChangeStream;
import io.serversidesync.runner.capture.Lsn;
import io.serversidesync.runner.capture.PgOutputDecoder;
import io.serversidesync.runner.capture.PostgresConnector;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.ReplicationSlot;
import io.serversidesync.runner.capture.SnapshotReader;
import io.serversidesync.runner.capture.TableInfo;
import io.serversidesync.runner.checkpoint.Checkpoint;
import io.serversidesync.runner.checkpoint.SyncStateTable;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.coalesce.PendingCut;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.DeliveryReport;
import io.serversidesync.runner.deliver.EpochDelivery;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.errors.ErrorsTable;
import io.serversidesync.runner.preflight.Preflight;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one sync: preflight, publication and slot, the initial snapshot, then the stream — capture →
 * coalesce → flush in epochs → deliver → checkpoint — until {@link #stop()}, reconnecting when
 * Postgres goes away. The calling thread is the capture thread; deliveries run on one delivery
 * thread, one cut at a time, while capture keeps accumulating the next.
 */
public final class SyncEngine {

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  private static final int MESSAGES_PER_ROUND = 4096;

  private final SyncSettings settings;
  private final Destination destination;
  private final RunnerState state;
  private final EngineOptions options;
  private final PostgresConnector connector;
  private final ReplicationObjects objects;
  private final SyncStateTable syncState;
  private final FlushPolicy flushPolicy;
  private final Coalescer coalescer;
  private final ChangeCollector collector;
  private final TwoWay twoWay;

  private volatile boolean stopRequested;
  private volatile String replayRequest;
  private volatile Thread captureThread;

  private ErrorsStore errors;
  private EpochDelivery delivery;
  private ExecutorService deliveryThread;
  private Checkpoint checkpoint;
  private Future<DeliveryReport> inFlight;
  private long inFlightOldestCommit;
  private long inFlightBytes;
  private long lastForcedStatus;
  private long reportedCaptured;
  private long lastReplayPoll;
  private long lastResendPoll;
  private long lastPublicationCheck;

  /** Why reading stopped because the table no longer fits the mapping (null while it does). */
  private String mappingBroken;

  private int[] snapshotColumns;
  private int[] snapshotTypes;
  private ErrorReplays replays;

  public SyncEngine(
      SyncSettings settings, Destination destination, RunnerState state, EngineOptions options) {
    this.settings = settings;
    this.destination = destination;
    this.state = state;
    this.options = options;
    this.connector =
        new PostgresConnector(settings.postgres(), "serversidesync-" + settings.name());
    this.objects = new ReplicationObjects(settings);
    this.syncState = new SyncStateTable(settings.name());
    this.flushPolicy = new FlushPolicy(settings, options.batchesPerFlush());
    if (flushPolicy.maxPendingBytes() < settings.maxPendingBytes()) {
      log.info(
          "spec.batching.maxPendingMemory is more than a third of the heap (-Xmx); pending"
              + " changes are held to {} MiB",
          flushPolicy.maxPendingBytes() >> 20);
    }
    this.coalescer = new Coalescer(settings.mapping().size());
    this.collector = new ChangeCollector(settings, coalescer);
    this.twoWay =
        settings.twoWay() == null
            ? null
            : new TwoWay(
                settings,
                destination,
                connector,
                state,
                options.reconnectInitial(),
                options.clock());
  }

  /** Asks the engine to stop reading, deliver what is pending, confirm and return from run. */
  public void stop() {
    stopRequested = true;
    Thread t = captureThread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * A new value of the replay-errors annotation arrived while running (the operator updated the
   * mounted manifest): acted on by the capture thread, once per value.
   */
  public void requestReplay(String value) {
    replayRequest = value;
  }

  public RunnerState state() {
    return state;
  }

  /**
   * Runs until stopped.
   *
   * @throws PreflightException the source database is not ready (nothing was created)
   * @throws EngineFailure the destination rejected the configuration, or similar
   * @throws InterruptedException interrupted (a stop that ran out of time)
   */
  public void run() throws PreflightException, EngineFailure, InterruptedException {
    captureThread = Thread.currentThread();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    deliveryThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        if (mdc != null) {
                          MDC.setContextMap(mdc);
                        }
                        r.run();
                      },
                      "delivery");
              t.setDaemon(true);
              return t;
            });
    errors = new ErrorsStore(connector, settings.name(), options.reconnectInitial());
    try {
      TableInfo table = prepareDatabase();
      preflightDestination();
      errors.open();
      delivery =
          new EpochDelivery(
              settings,
              destination,
              errors,
              state,
              options.retry(),
              twoWay == null ? ForwardObserver.NONE : twoWay.forward());
      Connection replication = prepareSlot(table);
      if (twoWay != null && !stopRequested) {
        startTwoWay();
      }
      while ((replication != null || !stopRequested) && !stream(replication)) {
        // the slot was dropped under the runner: a new one, and the table read again
        replication = prepareSlot(table);
      }
    } catch (ConfigurationRejectedException e) {
      state.phase(Phase.Failed, false, e.reason(), e.getMessage());
      throw new EngineFailure(e.reason(), e.getMessage(), e);
    } catch (InterruptedException e) {
      if (!stopRequested) {
        throw e;
      }
      // a stop before streaming began: nothing was confirmed, the next start goes on from here
      log.info("stopped: {}", e.getMessage());
    } finally {
      if (twoWay != null) {
        twoWay.close();
      }
      if (delivery != null) {
        delivery.close();
      }
      deliveryThread.shutdownNow();
      errors.close();
    }
  }

  private TableInfo prepareDatabase() throws PreflightException, InterruptedException {
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
        String message =
            "cannot prepare the source database "
                + settings.postgres().describe()
                + ": "
                + connector.safeMessage(e);
        // a missing privilege is not an outage: say so (a DBA's GRANT ends the retries)
        String reason =
            "42501".equals(e.getSQLState()) ? "InsufficientPrivilege" : "SourceUnavailable";
        state.phase(Phase.Pending, false, reason, message);
        log.warn("{}; retrying", message);
        sleep(backoff(attempt));
        if (stopRequested) {
          throw new InterruptedException("stopped before the source database was ready");
        }
      }
    }
  }

  private void preflightDestination() throws ConfigurationRejectedException, InterruptedException {
    int attempt = 0;
    while (true) {
      try {
        destination.preflight(settings.fields());
        return;
      } catch (DestinationException e) {
        if (e.kind() == DestinationException.Kind.CONFIGURATION) {
          throw new ConfigurationRejectedException(e);
        }
        attempt++;
        state.phase(Phase.Pending, false, e.reason(), e.getMessage());
        log.warn("destination preflight failed ({}): {}", e.reason(), e.getMessage());
        sleep(
            e.kind() == DestinationException.Kind.CREDENTIALS
                ? options.retry().credentialsRetry()
                : options.retry().backoff(attempt));
        if (stopRequested) {
          throw new InterruptedException("stopped before the destination was ready");
        }
      }
    }
  }

  /**
   * Makes sure the slot exists with a completely delivered snapshot. Returns the replication
   * connection that created a new slot (streaming continues on it), or null when the slot existed.
   *
   * <p>A slot whose snapshot was not completely delivered (the runner died or stopped during it) is
   * kept: the table is read again as it is now and streaming starts at the slot's consistent point.
   * The stream carries every change since that point, so a row the interrupted attempt delivered
   * and that was deleted since is deleted in the destination; a new slot's stream would not carry
   * that delete, and its record would stay. Changes between the consistent point and the new read
   * are delivered again after it, which upserts by external id make harmless.
   */
  private Connection prepareSlot(TableInfo table)
      throws InterruptedException, ConfigurationRejectedException {
    snapshotColumns = new int[settings.mapping().size()];
    snapshotTypes = new int[settings.mapping().size()];
    for (int f = 0; f < snapshotColumns.length; f++) {
      snapshotColumns[f] = f;
      snapshotTypes[f] = table.columnTypes().get(settings.mapping().get(f).column());
    }
    replays =
        new ErrorReplays(
            settings, errors, syncState, state, collector, snapshotColumns, snapshotTypes);
    replays.acknowledge(settings.replayErrorsRequest());
    int attempt = 0;
    while (!stopRequested) {
      Connection replication = null;
      try {
        // rows of an interrupted attempt are older than the new read: a row deleted in between
        // must not come back from them
        coalescer.cut(0);
        try (Connection c = connector.connect()) {
          Optional<ReplicationSlot> slot = objects.slot(c);
          if (slot.isPresent() && syncState.snapshotCompleted(c)) {
            checkpoint = new Checkpoint(slot.get().confirmedFlushLsn());
            log.info(
                "resuming slot {} from {}",
                objects.name(),
                Lsn.format(slot.get().confirmedFlushLsn()));
            return null;
          }
          if (slot.isPresent()) {
            long consistentPoint = slot.get().confirmedFlushLsn();
            log.warn(
                "the table's rows are not all delivered with slot {} (its initial snapshot was"
                    + " interrupted, or the table's changes could not be followed); reading the"
                    + " table again, then streaming from {}",
                objects.name(),
                Lsn.format(consistentPoint));
            snapshot(c, null, consistentPoint);
            checkpoint = new Checkpoint(consistentPoint);
            return null;
          }
        }
        replication = connector.connectReplication();
        ReplicationSlotInfo info = objects.createSlotWithSnapshot(replication);
        long consistentPoint = info.getConsistentPoint().asLong();
        log.info(
            "created slot {} at {}; reading the initial snapshot",
            objects.name(),
            Lsn.format(consistentPoint));
        try (Connection c = connector.connect()) {
          snapshot(c, info.getSnapshotName(), consistentPoint);
        }
        checkpoint = new Checkpoint(consistentPoint);
        return replication;
      } catch (RejectedDuringSnapshot e) {
        closeQuietly(replication);
        throw e.rejection;
      } catch (InterruptedException e) {
        closeQuietly(replication);
        throw e;
      } catch (SQLException e) {
        closeQuietly(replication);
        attempt++;
        String message = "initial snapshot interrupted: " + connector.safeMessage(e);
        state.phase(Phase.Snapshotting, false, "SourceUnavailable", message);
        log.warn("{}; retrying", message);
        sleep(backoff(attempt));
      }
    }
    throw new InterruptedException("stopped before the snapshot completed");
  }

  private void startTwoWay() throws ConfigurationRejectedException {
    try {
      twoWay.start(checkpoint.confirmable());
    } catch (DestinationException e) {
      throw new ConfigurationRejectedException(e);
    }
  }

  /**
   * Reads the table (as of the exported snapshot, or as it is now when {@code snapshotName} is
   * null), delivers every row and records the snapshot as complete; confirms nothing.
   */
  private void snapshot(Connection c, String snapshotName, long consistentPoint)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    state.phase(Phase.Snapshotting, true, "Snapshotting", "reading the initial snapshot");
    syncState.snapshotStarted(c, consistentPoint);
    long rows =
        new SnapshotReader(settings)
            .read(
                c,
                snapshotName,
                row -> {
                  if (stopRequested) {
                    throw new InterruptedException(
                        "stopped during the initial snapshot; the next start takes it again");
                  }
                  collector.snapshotRow(row, snapshotColumns, snapshotTypes);
                  if (flushPolicy.full(coalescer.size(), coalescer.estimatedBytes(), false)) {
                    try {
                      deliverNow(Phase.Snapshotting);
                    } catch (ConfigurationRejectedException e) {
                      throw new RejectedDuringSnapshot(e);
                    }
                  }
                });
    deliverNow(Phase.Snapshotting);
    syncState.snapshotCompleted(c, true);
    log.info("initial snapshot delivered: {} row(s)", rows);
  }

  /** Delivers everything pending on this thread (snapshot phase); confirms nothing. */
  private void deliverNow(Phase phase) throws InterruptedException, ConfigurationRejectedException {
    syncCounters();
    PendingCut cut = coalescer.cut(0);
    if (!cut.isEmpty()) {
      delivery.deliver(cut, phase);
    }
  }

  /**
   * Streams until stopped (returns true) or until the slot turns out to be gone (returns false):
   * someone dropped it, and the changes since are in no slot.
   */
  private boolean stream(Connection replication)
      throws InterruptedException, ConfigurationRejectedException {
    int failures = 0;
    while (true) {
      ChangeStream stream = null;
      try {
        if (replication == null) {
          replication = connector.connectReplication();
        }
        long start = checkpoint.confirmable();
        stream =
            ChangeStream.start(
                replication, objects.name(), objects.name(), start, options.statusInterval());
        replication = null;
        collector.resetTransaction();
        PgOutputDecoder decoder = new PgOutputDecoder(collector);
        state.phase(Phase.Streaming, true, "Streaming", "streaming changes");
        state.confirmedLsn(stream.confirmed());
        if (stream.catchingUp() && stream.backlogEnd() - start >= 1 << 20) {
          log.info(
              "catching up with {} MiB of WAL written since {}; until it is read, flushes wait"
                  + " for maxDelay or the bound, not for the batch size",
              (stream.backlogEnd() - start) >> 20,
              Lsn.format(start));
        }
        if (failures > 0) {
          log.info("replication stream resumed from {}", Lsn.format(start));
        }
        failures = 0;
        pump(stream, decoder);
        drain(stream);
        return true;
      } catch (SQLException e) {
        if (slotGone(e)) {
          String message =
              "replication slot "
                  + objects.name()
                  + " was dropped under the runner; creating it again and reading the table"
                  + " again (rows deleted while it was gone are not deleted in the destination)";
          state.phase(Phase.Pending, false, "SlotDropped", message);
          log.warn(message);
          finishInFlight();
          return false;
        }
        failures++;
        Duration wait = backoff(failures);
        String message =
            "lost the replication connection ("
                + connector.safeMessage(e)
                + "); reconnecting in "
                + wait.toMillis()
                + " ms, resuming from the confirmed LSN";
        state.phase(Phase.Streaming, false, "SourceUnavailable", message);
        log.warn(message);
        if (stopRequested) {
          finishInFlight();
          return true;
        }
        sleep(wait);
      } finally {
        closeQuietly(replication);
        replication = null;
        if (stream != null) {
          try {
            stream.close();
          } catch (SQLException e) {
            log.debug("closing the stream: {}", connector.safeMessage(e));
          }
        }
      }
      if (stopRequested) {
        finishInFlight();
        return true;
      }
    }
  }

  /** Whether a failure to stream is the slot missing (as the catalog confirms). */
  private boolean slotGone(SQLException e) {
    if (!"42704".equals(e.getSQLState())) { // undefined_object
      return false;
    }
    try (Connection c = connector.connect()) {
      return objects.slot(c).isEmpty();
    } catch (SQLException unreachable) {
      return false; // cannot tell now: handled as an outage, and asked again at the next failure
    }
  }

  private void pump(ChangeStream stream, PgOutputDecoder decoder)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    long lastHeartbeat = System.nanoTime();
    while (!stopRequested) {
      int read = 0;
      boolean paused = (inFlight != null && atBound()) || mappingBroken != null;
      if (!paused) {
        ByteBuffer message;
        while (read < MESSAGES_PER_ROUND && (message = stream.poll()) != null) {
          decoder.decode(
              message.array(), message.arrayOffset() + message.position(), message.remaining());
          read++;
          if (collector.missingColumns() != null) {
            break; // judged before anything under that Relation is read
          }
          // stop reading to cut a flush, or, with a cut already in flight, at the bound
          if (inFlight == null
              ? flushPolicy.full(coalescer.size(), coalescer.estimatedBytes(), stream.catchingUp())
              : atBound()) {
            break;
          }
        }
      }
      long now = System.nanoTime();
      housekeeping(stream, now);
      if (paused && now - lastHeartbeat > options.statusInterval().toNanos() / 2) {
        stream.heartbeat();
        lastHeartbeat = now;
      }
      if (read == 0) {
        LockSupport.parkNanos(paused ? 5_000_000 : 1_000_000);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while streaming");
      }
    }
  }

  /** The bound counts the cut in flight too: its entries are still in memory. */
  private boolean atBound() {
    return flushPolicy.atBound(coalescer.size(), coalescer.estimatedBytes() + inFlightBytes);
  }

  private void housekeeping(ChangeStream stream, long now)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    if (mappingBroken == null && collector.missingColumns() != null) {
      judgeMissingColumns(collector.missingColumns());
    }
    if (mappingBroken == null && now - lastPublicationCheck > options.statusInterval().toNanos()) {
      lastPublicationCheck = now;
      checkPublication();
    }
    if (mappingBroken != null) {
      // what came before the change is delivered and confirmed; nothing after it is read
      if (inFlight == null && !coalescer.isEmpty()) {
        startCut();
      }
      state.phase(Phase.Streaming, false, "MappingBroken", mappingBroken);
    }
    if (inFlight != null && inFlight.isDone()) {
      completeInFlight();
      // the slot hears of it with the next status update; forcing one per cut would make the
      // walsender save the slot many times a second under load
      if (now - lastForcedStatus > options.statusInterval().toNanos() / 10) {
        confirmNow(stream);
        lastForcedStatus = now;
      }
    }
    if (inFlight == null
        && !coalescer.isEmpty()
        && flushPolicy.flushDue(
            coalescer.size(),
            coalescer.estimatedBytes(),
            coalescer.firstChangeNanos(),
            now,
            stream.catchingUp())) {
      startCut();
    }
    checkpoint.idle(stream.lastReceived(), coalescer.isEmpty(), collector.inTransaction());
    if (Long.compareUnsigned(checkpoint.confirmable(), stream.confirmed()) > 0) {
      stream.confirm(checkpoint.confirmable(), false);
    }
    state.serverLsn(stream.lastReceived());
    state.confirmedLsn(stream.confirmed());
    state.pendingKeys(coalescer.size());
    state.oldestUnackedCommitMicros(
        inFlight != null && inFlightOldestCommit != 0
            ? inFlightOldestCommit
            : coalescer.oldestCommitMicros());
    syncCounters();
    if (now - lastReplayPoll > options.replayPollInterval().toNanos()) {
      lastReplayPoll = now;
      String requested = replayRequest;
      if (requested != null) {
        replayRequest = null;
        replays.acknowledge(requested);
      }
      replays.poll();
    }
    if (twoWay != null) {
      twoWayHousekeeping(stream, now);
    }
  }

  /**
   * Two-way sync on the capture thread: stops the sync when the reverse direction met a
   * configuration error, and queues keys to send again once capture has read past their request.
   */
  private void twoWayHousekeeping(ChangeStream stream, long now)
      throws ConfigurationRejectedException {
    DestinationException failed = twoWay.failure();
    if (failed != null) {
      throw new ConfigurationRejectedException(failed);
    }
    if (now - lastResendPoll > options.replayPollInterval().toNanos()) {
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
                collector.snapshotRow(row, snapshotColumns, snapshotTypes, position);
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

  /** Stops reading for good; the next start reads the table again before streaming on. */
  private void stopReading(Connection c, String message) throws SQLException {
    syncState.snapshotCompleted(c, false);
    mappingBroken = message;
    log.error(message);
  }

  private void startCut() {
    PendingCut cut = coalescer.cut(collector.lastCommitEnd());
    checkpoint.cut(cut.coveredLsn());
    inFlightOldestCommit = cut.oldestCommitMicros();
    inFlightBytes = cut.estimatedBytes();
    replays.cut();
    if (twoWay != null) {
      twoWay.resends().cut();
    }
    inFlight = deliveryThread.submit(() -> delivery.deliver(cut, Phase.Streaming));
  }

  private void completeInFlight() throws InterruptedException, ConfigurationRejectedException {
    try {
      DeliveryReport report = inFlight.get();
      log.debug("cut delivered: {} written, {} errors", report.written(), report.errors());
    } catch (ExecutionException e) {
      inFlight = null;
      if (e.getCause() instanceof ConfigurationRejectedException rejected) {
        throw rejected;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException("delivery failed: " + e.getCause(), e.getCause());
    }
    inFlight = null;
    inFlightOldestCommit = 0;
    inFlightBytes = 0;
    checkpoint.delivered();
    replays.delivered();
    if (twoWay != null) {
      twoWay.resends().delivered();
    }
  }

  private void confirmNow(ChangeStream stream) throws SQLException {
    stream.confirm(checkpoint.confirmable(), true);
    state.confirmedLsn(stream.confirmed());
  }

  /** Stop requested with the stream alive: deliver everything pending, confirm, return. */
  private void drain(ChangeStream stream)
      throws SQLException, InterruptedException, ConfigurationRejectedException {
    if (twoWay != null) {
      twoWay.stop();
    }
    log.info("stopping: delivering {} pending key(s) and confirming before exit", coalescer.size());
    finishInFlight();
    if (!coalescer.isEmpty()) {
      startCut();
      finishInFlight();
    }
    checkpoint.idle(stream.lastReceived(), coalescer.isEmpty(), collector.inTransaction());
    stream.confirm(checkpoint.confirmable(), true);
    state.confirmedLsn(stream.confirmed());
    syncCounters();
    log.info("stopped; confirmed {}", Lsn.format(stream.confirmed()));
  }

  /** Waits for the cut in flight, if any, to be delivered. */
  private void finishInFlight() throws InterruptedException, ConfigurationRejectedException {
    if (inFlight != null) {
      try {
        inFlight.get();
      } catch (ExecutionException e) {
        // completeInFlight rethrows the cause
      }
      completeInFlight();
    }
  }

  private void syncCounters() {
    long captured = collector.changesCaptured();
    state.addChangesCaptured(captured - reportedCaptured);
    reportedCaptured = captured;
  }

  private Duration backoff(int attempt) {
    long base = options.reconnectInitial().toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(base, options.reconnectMax().toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  /** Sleeps, waking early when a stop is requested. */
  private void sleep(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!stopRequested) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, 50_000_000));
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting");
      }
    }
  }

  /** Carries a configuration rejection out of the snapshot's row callback. */
  private static final class RejectedDuringSnapshot extends RuntimeException {
    private final transient ConfigurationRejectedException rejection;

    RejectedDuringSnapshot(ConfigurationRejectedException rejection) {
      super(rejection);
      this.rejection = rejection;
    }
  }

  private void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("closing a connection: {}", connector.safeMessage(e));
      }
    }
  }
}

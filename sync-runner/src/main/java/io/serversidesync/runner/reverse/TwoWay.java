package io.serversidesync.runner.reverse;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.reverse.poll.LoopSettings;
import io.serversidesync.runner.reverse.poll.ReverseApplier;
import io.serversidesync.runner.reverse.poll.ReverseLoop;
import io.serversidesync.runner.reverse.store.OriginSession;
import io.serversidesync.runner.reverse.store.ResendQueue;
import io.serversidesync.runner.reverse.store.ReverseStateTable;
import io.serversidesync.runner.reverse.store.ReverseStore;
import io.serversidesync.runner.reverse.store.TableShape;
import io.serversidesync.runner.reverse.store.VersionsTable;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Two-way sync as the engine sees it: the reverse loop (destination changes into the table), the
 * forward side's bookkeeping (native ids, synced versions, superseded changes) and the keys to send
 * again. The engine calls {@link #prepare} with the database, {@link #forward} for delivery, {@link
 * #start} once the initial snapshot is delivered, the resend hooks from the capture thread, and
 * {@link #close} at the end.
 */
public final class TwoWay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TwoWay.class);

  private final SyncSettings settings;
  private final Destination destination;
  private final RunnerState state;
  private final Clock clock;
  private final Duration retryWait;
  private final ReverseStore store;
  private final AtomicReference<DestinationException> fatal = new AtomicReference<>();
  private TableShape shape;
  private ForwardAcks forward;
  private ReverseLoop loop;
  private Thread thread;

  public TwoWay(
      SyncSettings settings,
      Destination destination,
      PostgresConnector connector,
      RunnerState state,
      Duration retryWait,
      Clock clock) {
    this.settings = settings;
    this.destination = destination;
    this.state = state;
    this.clock = clock;
    this.retryWait = retryWait;
    this.store =
        ReverseStore.open(
            connector,
            settings.name(),
            settings.replicationName(),
            settings.triggerCapture(),
            retryWait);
    state.enableReverse();
  }

  /**
   * Forgets the sync's two-way state (cleanup): drops the replication origin and deletes the sync's
   * synced versions and high-water mark. Returns whether the origin existed.
   */
  public static boolean cleanup(Connection c, String sync, String origin) throws SQLException {
    boolean dropped = OriginSession.dropOrigin(c, origin);
    try (java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT to_regclass('serversidesync.synced_versions') IS NOT NULL,"
                    + " to_regclass('serversidesync.reverse_state') IS NOT NULL");
        java.sql.ResultSet rs = s.executeQuery()) {
      rs.next();
      if (rs.getBoolean(1)) {
        delete(c, "serversidesync.synced_versions", sync);
      }
      if (rs.getBoolean(2)) {
        delete(c, "serversidesync.reverse_state", sync);
      }
    }
    return dropped;
  }

  private static void delete(Connection c, String table, String sync) throws SQLException {
    try (java.sql.PreparedStatement s =
        c.prepareStatement("DELETE FROM " + table + " WHERE sync = ?")) {
      s.setString(1, sync);
      s.executeUpdate();
    }
  }

  /** Creates the runner's tables and the replication origin, and reads the table's shape. */
  public void prepare(Connection c) throws SQLException {
    VersionsTable.create(c);
    ReverseStateTable.create(c);
    if (!settings.triggerCapture()) {
      OriginSession.ensureOrigin(c, settings.replicationName());
    }
    shape = TableShape.read(c, settings);
    forward =
        new ForwardAcks(
            shape,
            settings.fields(),
            store,
            state.enableReverse(),
            clock,
            destination.rules().storedForm());
  }

  /** What forward delivery reports to (after {@link #prepare}). */
  public ForwardObserver forward() {
    if (forward == null) {
      throw new IllegalStateException("prepare() first");
    }
    return forward;
  }

  /**
   * Starts the reverse loop (after the initial snapshot was delivered, so every existing key has a
   * synced version).
   *
   * @param confirmed the slot's confirmed LSN: the runner's writes after it may still have
   *     superseded changes in the stream
   * @throws DestinationException CONFIGURATION when the destination cannot read changes back
   */
  public synchronized void start(long confirmed) throws DestinationException {
    ChangeReader reader =
        destination
            .changeReader()
            .orElseThrow(
                () ->
                    new DestinationException(
                        DestinationException.Kind.CONFIGURATION,
                        "TwoWayUnsupported",
                        "spec.twoWay is set, but this runner's destination implementation cannot"
                            + " read changes back; remove spec.twoWay or use a destination that"
                            + " supports two-way sync"));
    ReverseApplier applier =
        new ReverseApplier(
            settings,
            shape,
            store.versions(),
            store.stateTable(),
            settings.twoWay().conflictPolicy() == ConflictPolicy.LastWriteWins,
            destination.rules().storedForm());
    loop =
        new ReverseLoop(
            new LoopSettings(settings, state, clock, retryWait),
            reader,
            store,
            applier,
            fatal,
            confirmed);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    thread =
        new Thread(
            () -> {
              if (mdc != null) {
                MDC.setContextMap(mdc);
              }
              loop.run();
            },
            "reverse");
    thread.setDaemon(true);
    thread.start();
  }

  /** A failure that stops the sync (the destination or Postgres rejected the configuration). */
  public DestinationException failure() {
    return fatal.get();
  }

  /** The keys to send again (capture thread). */
  public ResendQueue resends() {
    return store.resends();
  }

  /** Stops the reverse loop and waits for the page in progress. */
  public synchronized void stop() throws InterruptedException {
    if (loop == null) {
      return;
    }
    loop.stop();
    thread.join(30_000);
    if (thread.isAlive()) {
      log.warn("the reverse loop did not stop within 30 s; interrupting it");
      thread.interrupt();
      thread.join(5_000);
    }
    loop = null;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.session().close();
  }
}

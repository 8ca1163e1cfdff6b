package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.PostgresConnector;
import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.capture.TableInfo;
import io.serversidesync.runner.checkpoint.SyncStateTable;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.EpochDelivery;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.MDC;

/**
 * Runs one sync: preflight, publication and slot, the initial snapshot, then the stream — capture →
 * coalesce → flush in epochs → deliver → checkpoint — until {@link #stop()}, reconnecting when
 * Postgres goes away. The calling thread is the capture thread; deliveries run on one delivery
 * thread, one cut at a time, while capture keeps accumulating the next.
 *
 * <p>This class wires the parts and runs them in order: {@link SourcePreparation}, {@link
 * DestinationPreflight}, {@link SlotPreparation} (with the {@link InitialSnapshot}), then the
 * {@link StreamLoop} with its {@link Housekeeping} and {@link EpochCuts}.
 */
public final class SyncEngine {

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
  private final StopSignal stop = new StopSignal();
  private final Backoff backoff;
  private final CapturedCounter counter;
  private final ReplayRequests replayRequests;

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
      EngineLog.LOG.info(
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
    this.backoff = new Backoff(options);
    this.counter = new CapturedCounter(collector, state);
    this.replayRequests = new ReplayRequests(options.replayPollInterval());
  }

  /** Asks the engine to stop reading, deliver what is pending, confirm and return from run. */
  public void stop() {
    stop.request();
  }

  /**
   * A new value of the replay-errors annotation arrived while running (the operator updated the
   * mounted manifest): acted on by the capture thread, once per value.
   */
  public void requestReplay(String value) {
    replayRequests.request(value);
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
    stop.bind(Thread.currentThread());
    ExecutorService deliveryThread = deliveryThread();
    ErrorsStore errors =
        new ErrorsStore(connector, settings.name(), options.reconnectInitial(), state);
    EpochDelivery delivery = null;
    try {
      SourcePreparation source =
          new SourcePreparation(settings, connector, objects, twoWay, state, stop, backoff);
      TableInfo table = source.check();
      new DestinationPreflight(settings, destination, state, options, stop).check();
      source.create(table);
      errors.open();
      delivery =
          new EpochDelivery(
              settings,
              destination,
              errors,
              state,
              options.retry(),
              twoWay == null ? ForwardObserver.NONE : twoWay.forward());
      stream(table, errors, delivery, deliveryThread);
    } catch (ConfigurationRejectedException e) {
      state.phase(Phase.Failed, false, e.reason(), e.getMessage());
      throw new EngineFailure(e.reason(), e.getMessage(), e);
    } catch (InterruptedException e) {
      if (!stop.requested()) {
        throw e;
      }
      // a stop before streaming began: nothing was confirmed, the next start goes on from here
      EngineLog.LOG.info("stopped: {}", e.getMessage());
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

  /** Prepares the slot (and its snapshot), starts two-way sync, and streams until stopped. */
  private void stream(
      TableInfo table, ErrorsStore errors, EpochDelivery delivery, ExecutorService deliveryThread)
      throws InterruptedException, ConfigurationRejectedException {
    SnapshotColumns columns = SnapshotColumns.of(settings, table);
    SlotPreparation slots =
        new SlotPreparation(
            connector,
            objects,
            syncState,
            coalescer,
            new InitialSnapshot(
                settings,
                syncState,
                collector,
                coalescer,
                flushPolicy,
                delivery,
                columns,
                counter,
                state,
                stop),
            state,
            stop,
            backoff);
    TwoWayUpkeep upkeep =
        twoWay == null
            ? null
            : new TwoWayUpkeep(twoWay, settings, collector, columns, options.replayPollInterval());
    StreamLoop loop =
        new StreamLoop(
            connector,
            objects,
            collector,
            coalescer,
            flushPolicy,
            new Housekeeping(
                new SchemaWatch(
                    settings, connector, objects, syncState, collector, options.statusInterval()),
                coalescer,
                collector,
                flushPolicy,
                state,
                options.statusInterval(),
                counter,
                replayRequests,
                upkeep),
            counter,
            twoWay,
            state,
            options.statusInterval(),
            stop,
            backoff);

    ErrorReplays replays = replays(errors, columns);
    PreparedSlot slot = slots.prepare();
    if (upkeep != null && !stop.requested()) {
      upkeep.start(slot.checkpoint().confirmable());
    }
    while ((slot.replication() != null || !stop.requested())
        && !loop.stream(slot.replication(), cuts(slot, replays, delivery, deliveryThread))) {
      // the slot was dropped under the runner: a new one, and the table read again
      replays = replays(errors, columns);
      slot = slots.prepare();
    }
  }

  /** Error replays of one slot; acknowledges the replay request the manifest carried at start. */
  private ErrorReplays replays(ErrorsStore errors, SnapshotColumns columns)
      throws InterruptedException {
    ErrorReplays replays =
        new ErrorReplays(
            settings, errors, syncState, state, collector, columns.columns(), columns.types());
    replays.acknowledge(settings.replayErrorsRequest());
    return replays;
  }

  private EpochCuts cuts(
      PreparedSlot slot,
      ErrorReplays replays,
      EpochDelivery delivery,
      ExecutorService deliveryThread) {
    return new EpochCuts(
        slot.checkpoint(),
        replays,
        coalescer,
        collector,
        flushPolicy,
        deliveryThread,
        delivery,
        twoWay);
  }

  /** One daemon thread named "delivery" that logs with the capture thread's MDC (the sync name). */
  private static ExecutorService deliveryThread() {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    return Executors.newSingleThreadExecutor(
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
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.capture.SnapshotColumns;
import io.serversidesync.runner.capture.triggers.ChangeTableReader;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.Checkpoint;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.deliver.CutListener;
import io.serversidesync.runner.deliver.EpochCuts;
import io.serversidesync.runner.deliver.EpochDelivery;
import io.serversidesync.runner.deliver.ForwardObserver;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.errors.ErrorsStore;
import io.serversidesync.runner.pg.TableInfo;
import io.serversidesync.runner.preflight.PreflightException;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;
import java.util.ArrayList;
import java.util.List;
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

  private final SyncContext context;
  private final SyncSettings settings;
  private final RunnerState state;
  private final StopSignal stop;
  private final ReplayRequests replayRequests;

  public SyncEngine(
      SyncSettings settings, Destination destination, RunnerState state, EngineOptions options) {
    this.context = new SyncContext(settings, destination, state, options);
    this.settings = settings;
    this.state = state;
    this.stop = context.stop();
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
    TwoWay twoWay = context.twoWay();
    ErrorsStore errors =
        new ErrorsStore(
            context.connector(), settings.name(), context.options().reconnectInitial(), state);
    EpochDelivery delivery = null;
    try {
      SourcePreparation source = new SourcePreparation(context);
      TableInfo table = source.check();
      new DestinationPreflight(context).check();
      source.create(table);
      errors.open();
      delivery =
          new EpochDelivery(
              settings,
              context.destination(),
              errors,
              state,
              context.options().retry(),
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
    if (settings.triggerCapture()) {
      streamTriggers(columns, errors, delivery, deliveryThread);
      return;
    }
    SlotPreparation slots =
        new SlotPreparation(context, new InitialSnapshot(context, delivery, columns));
    TwoWayUpkeep upkeep = context.twoWay() == null ? null : new TwoWayUpkeep(context, columns);
    StreamLoop loop =
        new StreamLoop(
            context, new Housekeeping(context, new SchemaWatch(context), replayRequests, upkeep));
    KeyChangeRereads rereads = new KeyChangeRereads(context, columns);

    ErrorReplays replays = replays(errors, columns);
    PreparedSlot slot = slots.prepare();
    if (upkeep != null && !stop.requested()) {
      upkeep.start(slot.checkpoint().confirmable());
    }
    while ((slot.replication() != null || !stop.requested())
        && !loop.stream(
            slot.replication(),
            cuts(slot.checkpoint(), rereads, replays, delivery, deliveryThread),
            replays)) {
      // the slot was dropped under the runner: a new one, and the table read again
      replays = replays(errors, columns);
      slot = slots.prepare();
    }
  }

  /**
   * Trigger capture: reads the table unless done since the triggers were installed, starts two-way
   * sync, and reads the change table until stopped.
   */
  private void streamTriggers(
      SnapshotColumns columns,
      ErrorsStore errors,
      EpochDelivery delivery,
      ExecutorService deliveryThread)
      throws InterruptedException, ConfigurationRejectedException {
    ChangeTableReader reader = new ChangeTableReader(settings);
    TwoWayUpkeep upkeep = context.twoWay() == null ? null : new TwoWayUpkeep(context, columns);
    Housekeeping housekeeping =
        new Housekeeping(context, new SchemaWatch(context), replayRequests, upkeep);
    ErrorReplays replays = replays(errors, columns);
    new TriggerPreparation(context, new InitialSnapshot(context, delivery, columns), reader)
        .prepare();
    if (upkeep != null && !stop.requested()) {
      upkeep.start(reader.frontier());
    }
    AcknowledgedChanges acknowledged = new AcknowledgedChanges(reader);
    EpochCuts cuts =
        cuts(new Checkpoint(reader.frontier()), acknowledged, replays, delivery, deliveryThread);
    new TriggerLoop(context, housekeeping)
        .stream(
            reader,
            new CollectedChanges(context.collector(), columns),
            acknowledged,
            cuts,
            replays);
  }

  /** Error replays of one slot; acknowledges the replay request the manifest carried at start. */
  private ErrorReplays replays(ErrorsStore errors, SnapshotColumns columns)
      throws InterruptedException {
    ErrorReplays replays = new ErrorReplays(context, errors, columns.columns(), columns.types());
    replays.acknowledge(settings.replayErrorsRequest());
    return replays;
  }

  /**
   * The epochs of one slot or change table: what the capture method does with a cut (key-change
   * rereads, or the change table's acknowledgements), error replays and two-way resends travel with
   * each cut.
   */
  private EpochCuts cuts(
      Checkpoint checkpoint,
      CutListener captureListener,
      ErrorReplays replays,
      EpochDelivery delivery,
      ExecutorService deliveryThread) {
    List<CutListener> listeners = new ArrayList<>(List.of(captureListener, replays));
    if (context.twoWay() != null) {
      listeners.add(context.twoWay().resends());
    }
    return new EpochCuts(
        checkpoint,
        context.coalescer(),
        context.collector(),
        context.flushPolicy(),
        deliveryThread,
        delivery,
        listeners);
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

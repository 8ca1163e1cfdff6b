package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.ReplicationObjects;
import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.coalesce.Coalescer;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SyncStateTable;
import io.serversidesync.runner.plan.FlushPolicy;
import io.serversidesync.runner.reverse.TwoWay;
import io.serversidesync.runner.status.RunnerState;

/**
 * The long-lived parts of one running sync, built once and shared by the engine's steps (source and
 * slot preparation, the snapshot, the stream loop and its housekeeping), so that each step takes
 * the context and only what is its own.
 */
final class SyncContext {

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

  SyncContext(
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
  }

  SyncSettings settings() {
    return settings;
  }

  Destination destination() {
    return destination;
  }

  RunnerState state() {
    return state;
  }

  EngineOptions options() {
    return options;
  }

  PostgresConnector connector() {
    return connector;
  }

  ReplicationObjects objects() {
    return objects;
  }

  SyncStateTable syncState() {
    return syncState;
  }

  FlushPolicy flushPolicy() {
    return flushPolicy;
  }

  Coalescer coalescer() {
    return coalescer;
  }

  ChangeCollector collector() {
    return collector;
  }

  /** The reverse direction of a two-way sync, or null for a one-way sync. */
  TwoWay twoWay() {
    return twoWay;
  }

  StopSignal stop() {
    return stop;
  }

  Backoff backoff() {
    return backoff;
  }

  CapturedCounter counter() {
    return counter;
  }
}

package io.serversidesync.runner.reverse;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.engine.SyncEngine;
import io.serversidesync.runner.status.ReverseStats;
import io.serversidesync.runner.status.RunnerState;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link SyncEngine} running on its own thread against a real destination. */
public final class TwoWayRun implements AutoCloseable {

  public final RunnerState state;
  final SyncEngine engine;
  public final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  public TwoWayRun(
      SyncSettings settings, Destination destination, RunnerState state, EngineOptions options) {
    this.state = state;
    this.engine = new SyncEngine(settings, destination, state, options);
    this.thread =
        new Thread(
            () -> {
              try {
                engine.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "engine-" + settings.name());
  }

  public TwoWayRun start() {
    thread.start();
    return this;
  }

  ReverseStats reverse() {
    return state.reverse();
  }

  void stop() throws InterruptedException {
    engine.stop();
    thread.join(60_000);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(10_000);
      throw new AssertionError("engine did not stop within 60 s");
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while stopping the engine", e);
      }
    }
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.runner.coalesce.ChangeCollector;
import io.serversidesync.runner.status.RunnerState;

/** Carries the collector's count of captured changes over to the runner's status, as increments. */
final class CapturedCounter {

  private final ChangeCollector collector;
  private final RunnerState state;
  private long reported;

  CapturedCounter(ChangeCollector collector, RunnerState state) {
    this.collector = collector;
    this.state = state;
  }

  void sync() {
    long captured = collector.changesCaptured();
    state.addChangesCaptured(captured - reported);
    reported = captured;
  }
}

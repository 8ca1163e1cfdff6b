package io.serversidesync.runner.status;

import io.serversidesync.runner.destination.DestinationTelemetry;
import java.time.Duration;
import java.time.Instant;

/** What a destination reports, turned into the runner's counters and Throttled phase. */
public final class RunnerTelemetry implements DestinationTelemetry {

  private final RunnerState state;

  public RunnerTelemetry(RunnerState state) {
    this.state = state;
  }

  @Override
  public void apiCall(String endpoint, int httpStatus) {
    state.apiCall();
  }

  @Override
  public void apiCallTook(String endpoint, Duration took) {
    state.meters().apiCall(endpoint, took);
  }

  @Override
  public void quota(long used, long max) {
    state.quota(used, max);
  }

  @Override
  public void quotaShare(double share) {
    state.quotaShare(share);
  }

  @Override
  public void retried(String code) {
    state.retried();
  }

  @Override
  public void throttled(Instant until, String why) {
    state.throttled(until, why);
  }

  @Override
  public void resumed() {
    state.resumed();
  }
}

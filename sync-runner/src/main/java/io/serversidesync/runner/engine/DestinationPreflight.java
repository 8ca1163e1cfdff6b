package io.serversidesync.runner.engine;

import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.deliver.ConfigurationRejectedException;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.status.RunnerState;

/**
 * Asks the destination whether it accepts the mapping before anything is read, retrying while it
 * cannot answer; a rejected configuration ends the run.
 */
final class DestinationPreflight {

  private final SyncSettings settings;
  private final Destination destination;
  private final RunnerState state;
  private final EngineOptions options;
  private final StopSignal stop;

  DestinationPreflight(SyncContext context) {
    this.settings = context.settings();
    this.destination = context.destination();
    this.state = context.state();
    this.options = context.options();
    this.stop = context.stop();
  }

  void check() throws ConfigurationRejectedException, InterruptedException {
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
        EngineLog.LOG.warn("destination preflight failed ({}): {}", e.reason(), e.getMessage());
        stop.sleep(
            e.kind() == DestinationException.Kind.CREDENTIALS
                ? options.retry().credentialsRetry()
                : options.retry().backoff(attempt));
        if (stop.requested()) {
          throw new InterruptedException("stopped before the destination was ready");
        }
      }
    }
  }
}

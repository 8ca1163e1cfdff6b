package io.serversidesync.runner.deliver;

import io.serversidesync.runner.destination.DestinationException;

/** The destination rejected the configuration: the runner stops until the user fixes it. */
public class ConfigurationRejectedException extends Exception {

  private final String reason;

  public ConfigurationRejectedException(DestinationException cause) {
    super(cause.getMessage(), cause);
    this.reason = cause.reason();
  }

  public String reason() {
    return reason;
  }
}

package io.serversidesync.runner.engine;

/** The runner cannot go on until the user changes something; the message says what. */
public class EngineFailure extends Exception {

  private final String reason;

  public EngineFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** One CamelCase word for the status, e.g. DestinationConfigurationRejected. */
  public String reason() {
    return reason;
  }
}

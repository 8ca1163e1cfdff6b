package io.serversidesync.sandbox.bulk;

/** A request the job's state does not allow (upload twice, close a finished job, …). */
public final class JobStateException extends Exception {
  private final String errorCode;

  public JobStateException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}

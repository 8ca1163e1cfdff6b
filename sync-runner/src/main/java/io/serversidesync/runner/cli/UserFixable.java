package io.serversidesync.runner.cli;

/**
 * A failure only the user can fix: the process ends with its exit code, and the status shows its
 * reason and message.
 */
final class UserFixable extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;
  private final String reason;

  /**
   * @param exitCode the process's exit code when it ends on this failure
   * @param reason the status reason, one CamelCase word
   * @param message what is wrong and what fixes it
   */
  UserFixable(int exitCode, String reason, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.reason = reason;
  }

  int exitCode() {
    return exitCode;
  }

  String reason() {
    return reason;
  }
}

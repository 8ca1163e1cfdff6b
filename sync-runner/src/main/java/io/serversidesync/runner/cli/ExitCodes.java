package io.serversidesync.runner.cli;

/** Exit codes of the sync-runner commands. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something failed at run time (see the log). */
  public static final int FAILED = 1;

  /** Bad command-line usage (picocli's convention). */
  public static final int USAGE = 2;

  /** The manifest or the Secrets cannot be used. */
  public static final int INVALID_CONFIG = 3;

  /** The source database is not ready (preflight). */
  public static final int PREFLIGHT_FAILED = 4;

  /** The destination cannot be used: no implementation, or it rejected the configuration. */
  public static final int DESTINATION_REJECTED = 5;

  private ExitCodes() {}
}

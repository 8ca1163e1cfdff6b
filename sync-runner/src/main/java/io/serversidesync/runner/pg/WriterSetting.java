package io.serversidesync.runner.pg;

/**
 * The session setting that marks the runner's own writes into the synced table under trigger
 * capture (two-way sync: reverse applies and native ids). Its value is the sync's object name
 * (sss_&lt;sync&gt;); the sync's capture trigger records nothing while it is set, so nothing the
 * runner writes is sent back. Logical replication uses a replication origin instead.
 */
public final class WriterSetting {

  public static final String NAME = "serversidesync.writer";

  private WriterSetting() {}
}

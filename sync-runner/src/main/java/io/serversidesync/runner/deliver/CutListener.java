package io.serversidesync.runner.deliver;

import java.sql.SQLException;

/**
 * Work that travels with an epoch: what was queued when the pending changes were cut is done once
 * that cut is delivered (error replays, two-way resend requests), and what completes the pending
 * changes before the cut. Called on the capture thread.
 */
public interface CutListener {

  /**
   * The pending changes are about to be cut: complete them (the engine reads rows a key change left
   * incomplete). A failure cuts nothing: the cut waits, and the stream resumes after the outage
   * like any other.
   */
  default void beforeCut() throws SQLException, InterruptedException {}

  /** The pending changes were cut: what is queued now travels with that cut. */
  void cut();

  /** The cut was delivered: what travelled with it is done. */
  void delivered();
}

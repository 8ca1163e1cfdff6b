package io.serversidesync.runner.deliver;

/**
 * Work that travels with an epoch: what was queued when the pending changes were cut is done once
 * that cut is delivered (error replays, two-way resend requests). Called on the capture thread.
 */
public interface CutListener {

  /** The pending changes were cut: what is queued now travels with that cut. */
  void cut();

  /** The cut was delivered: what travelled with it is done. */
  void delivered();
}

package io.serversidesync.api.v1alpha1;

/** What a sync is doing, as the runner and the operator report it. */
public enum Phase {
  Pending,
  Snapshotting,
  Streaming,
  Throttled,
  Suspended,
  Failed
}

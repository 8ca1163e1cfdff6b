package io.serversidesync.operator.events;

import io.serversidesync.api.v1alpha1.ServerSideSync;

/** Records events about a sync. Best effort: a failure to record never fails a reconcile. */
@FunctionalInterface
public interface EventRecorder {

  void record(ServerSideSync sync, SyncEvent event);
}

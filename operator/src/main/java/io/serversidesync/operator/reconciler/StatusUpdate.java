package io.serversidesync.operator.reconciler;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.events.EventRecorder;
import io.serversidesync.operator.events.StatusEvents;
import io.serversidesync.operator.events.SyncEvent;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a new status is worth writing (only when it differs from the stored one) and
 * records the events its transitions deserve.
 */
final class StatusUpdate {

  private final EventRecorder events;

  StatusUpdate(EventRecorder events) {
    this.events = events;
  }

  /**
   * Records the events for the transition and sets the new status on the resource.
   *
   * @return false when nothing changed: there is nothing to write and nothing to tell
   */
  boolean apply(ServerSideSync sync, ServerSideSyncStatus next) {
    ServerSideSyncStatus before = sync.getStatus();
    if (Objects.equals(before, next)) {
      return false;
    }
    List<SyncEvent> transitions = StatusEvents.between(before, next);
    transitions.forEach(e -> events.record(sync, e));
    sync.setStatus(next);
    return true;
  }
}

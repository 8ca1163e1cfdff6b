package io.serversidesync.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.events.EventRecorder;
import io.serversidesync.operator.events.StatusEvents;
import io.serversidesync.operator.rbac.Permission;
import java.util.List;
import java.util.Objects;

/**
 * Writes a new status only when it differs from the stored one, and records the events its
 * transitions deserve.
 *
 * <p>The write replaces the whole status (PUT of the status subresource, with optimistic locking),
 * so a field that became empty is really removed, and JOSDK caches the result so the next reconcile
 * compares against what was just written, not against a stale informer copy.
 */
final class StatusUpdate {

  /** What a status write asks of the API server. */
  static final List<Permission> PERMISSIONS =
      List.of(Permission.of("serversidesync.io", "serversidesyncs/status", "update"));

  private final EventRecorder events;

  StatusUpdate(EventRecorder events) {
    this.events = events;
  }

  /**
   * Records the events for the transition and writes the new status.
   *
   * @return false when nothing changed: nothing was written and nothing is told
   */
  boolean write(ServerSideSync sync, ServerSideSyncStatus next, Context<ServerSideSync> context) {
    ServerSideSyncStatus before = sync.getStatus();
    if (Objects.equals(before, next)) {
      return false;
    }
    StatusEvents.between(before, next).forEach(e -> events.record(sync, e));
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        sync,
        context,
        s -> {
          s.setStatus(next);
          return s;
        });
    return true;
  }
}

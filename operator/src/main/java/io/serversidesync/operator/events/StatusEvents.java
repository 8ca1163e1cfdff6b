package io.serversidesync.operator.events;

import io.serversidesync.api.v1alpha1.Condition;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.api.v1alpha1.ServerSideSyncStatus;
import io.serversidesync.operator.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The events a status change deserves: one per phase transition (a Warning when the new phase is
 * Failed), and a Warning each time the reason the sync is stalled changes.
 */
public final class StatusEvents {

  private StatusEvents() {}

  public static List<SyncEvent> between(ServerSideSyncStatus before, ServerSideSyncStatus after) {
    List<SyncEvent> events = new ArrayList<>();
    Phase from = before == null ? null : before.getPhase();
    Phase to = after.getPhase();
    Condition ready = Conditions.find(after.getConditions(), Condition.READY);
    Condition stalled = Conditions.find(after.getConditions(), Condition.STALLED);
    Condition stalledBefore =
        before == null ? null : Conditions.find(before.getConditions(), Condition.STALLED);
    boolean isStalled = stalled != null && "True".equals(stalled.getStatus());
    boolean newStall =
        isStalled
            && (stalledBefore == null
                || !"True".equals(stalledBefore.getStatus())
                || !Objects.equals(stalledBefore.getMessage(), stalled.getMessage()));

    if (from != to) {
      String detail = ready == null || ready.getMessage() == null ? "" : ": " + ready.getMessage();
      String message = "phase " + (from == null ? "(none)" : from.name()) + " → " + to + detail;
      if (isStalled) {
        events.add(SyncEvent.warning(stalled.getReason(), message));
      } else {
        events.add(SyncEvent.normal(to.name(), message));
      }
    } else if (newStall) {
      events.add(SyncEvent.warning(stalled.getReason(), stalled.getMessage()));
    }
    return events;
  }
}

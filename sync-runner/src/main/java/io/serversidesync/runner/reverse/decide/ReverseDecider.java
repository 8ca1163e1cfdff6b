package io.serversidesync.runner.reverse.decide;

import io.serversidesync.api.v1alpha1.ConflictPolicy;
import java.time.Instant;

/**
 * Decides, for one changed destination record, whether its values go into the row. Pure: the caller
 * reads (and locks) the key's last synced version and current row first.
 *
 * <p>In order: a version older than one already read is skipped, and so is the very version decided
 * on before (read again while it settles); a version equal to the last synced one, or to the values
 * of a forward write not yet acknowledged, is the runner's own write (an echo) and never applied,
 * whatever the policy; a read that began before the runner recorded a newer forward write of the
 * key is out of date (the destination already holds that write) and never applied either. A row
 * deleted in Postgres is not brought back by the record that was synced to it. If only the
 * destination changed, its values are applied; if both changed, the policy decides. Both sides
 * changed since the last version the runner <em>recorded</em>: a destination change made after a
 * forward write landed but read before the runner recorded its acknowledgement counts as concurrent
 * with it, since the runner cannot tell which came first. When the source wins its row is sent
 * again; when the destination wins, a forward write that may have overwritten it is followed by its
 * value ({@code reverse.ForwardAcks}).
 */
public final class ReverseDecider {

  private final ConflictPolicy policy;

  public ReverseDecider(ConflictPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param nativeId the record's native id
   * @param modifiedAt its destination modification time
   * @param dest its version hashes
   * @param readStarted when the read that returned it began
   * @param version the key's last synced version, or null if never synced
   * @param row the key's current row, or null if there is none
   */
  Decision decide(
      String nativeId,
      Instant modifiedAt,
      FieldHashes dest,
      Instant readStarted,
      SyncedVersion version,
      RowImage row) {
    if (version != null
        && version.destModstamp() != null
        && modifiedAt.isBefore(version.destModstamp())) {
      return Decision.of(Verdict.OLDER);
    }
    if (version != null
        && modifiedAt.equals(version.destModstamp())
        && dest.sameAs(version.destHashes())) {
      return Decision.of(Verdict.SEEN);
    }
    if (version != null && (dest.sameAs(version.hashes()) || dest.sameAs(version.sentHashes()))) {
      // a write whose acknowledgement is not yet recorded may have landed already
      return Decision.of(Verdict.ECHO);
    }
    if (version != null
        && version.forwardAt() != null
        && version.forwardAt().isAfter(readStarted)) {
      return Decision.of(Verdict.STALE);
    }
    if (row == null) {
      // the record that was synced to a row deleted in Postgres stays out; a record created in the
      // destination afterwards (another native id), or after a deletion on both sides, comes in
      boolean goneOnBothSides =
          version != null && version.hashes() == null && version.nativeId() == null;
      boolean synced =
          version != null
              && !goneOnBothSides
              && (version.nativeId() == null || version.nativeId().equals(nativeId));
      return Decision.of(synced ? Verdict.DELETED_IN_SOURCE : Verdict.INSERT);
    }
    if (dest.sameAs(row.hashes())) {
      return Decision.of(Verdict.AGREE);
    }
    boolean baseKnown = version != null && version.hashes() != null;
    boolean sourceChanged = !baseKnown || !row.hashes().sameAs(version.hashes());
    if (!sourceChanged) {
      return Decision.of(Verdict.APPLY);
    }
    if (destinationWins(modifiedAt, row)) {
      // the source's change is captured before this write: not sent if still pending
      // (superseded), sent again after it if it was in flight (ForwardAcks)
      return new Decision(Verdict.APPLY, true, false);
    }
    // the row is sent again even when its change is on its way: a write of it may already have
    // landed before this destination change (its acknowledgement not yet recorded), and then
    // nothing else would send it
    return new Decision(Verdict.SOURCE_WINS, true, true);
  }

  /**
   * For a record deleted in the destination whose row still exists (spec.deletes: Delete): APPLY
   * deletes the row, SOURCE_WINS keeps it (the forward direction then creates the record again).
   *
   * @param deletedAt when the destination deleted it
   * @param version the key's last synced version
   * @param row the current row
   */
  public Decision decideDeletion(Instant deletedAt, SyncedVersion version, RowImage row) {
    boolean sourceChanged = version.hashes() == null || !row.hashes().sameAs(version.hashes());
    if (!sourceChanged) {
      return Decision.of(Verdict.APPLY);
    }
    if (destinationWins(deletedAt, row)) {
      // an upsert in flight would create the record again: send the key (now a delete) again
      return new Decision(Verdict.APPLY, true, true);
    }
    // sent again: an upsert that landed before the deletion would not bring the record back
    return new Decision(Verdict.SOURCE_WINS, true, true);
  }

  private boolean destinationWins(Instant destinationTime, RowImage row) {
    return switch (policy) {
      case SourceWins -> false;
      case DestinationWins -> true;
      // a row last written before commit timestamps were tracked has no time: the destination's
      // change is the known recent one
      case LastWriteWins -> row.committedAt() == null || destinationTime.isAfter(row.committedAt());
    };
  }
}

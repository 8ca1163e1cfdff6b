package io.serversidesync.runner.coalesce;

import java.util.List;

/**
 * What a flush takes out of the coalescer: one entry per key, the rejected changes, and the WAL
 * position the cut covers. Once every entry is acknowledged or recorded as an error, {@code
 * coveredLsn} may be confirmed to the slot.
 *
 * @param changes one merged entry per upsert key
 * @param rejects changes that go straight to the errors table
 * @param coveredLsn end LSN of the last transaction fully contained in this and earlier cuts, or 0
 *     when the cut covers no WAL position (snapshot rows, replays)
 * @param capturedChanges number of captured changes merged into this cut
 * @param oldestCommitMicros commit time of the oldest change in the cut (Postgres epoch µs), or 0
 * @param estimatedBytes heap the cut's entries hold, as the coalescer estimated it
 */
public record PendingCut(
    List<PendingChange> changes,
    List<RejectedChange> rejects,
    long coveredLsn,
    long capturedChanges,
    long oldestCommitMicros,
    long estimatedBytes) {

  public PendingCut {
    changes = List.copyOf(changes);
    rejects = List.copyOf(rejects);
  }

  public boolean isEmpty() {
    return changes.isEmpty() && rejects.isEmpty();
  }
}

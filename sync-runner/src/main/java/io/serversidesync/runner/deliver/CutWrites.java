package io.serversidesync.runner.deliver;

import io.serversidesync.runner.coalesce.PendingChange;
import io.serversidesync.runner.destination.KeyMatching;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The writes of one cut, split by operation. Deletes go out before upserts, and a delete whose key
 * names the same destination record as an upsert of the cut is left out: a row whose key changed
 * only in letter case ({@code kc3} → {@code KC3}) is a delete of {@code kc3} and an upsert of
 * {@code KC3}, one record to a case-insensitive External ID. Sent together, the order would decide
 * whether the record survives; the upsert alone updates it (its Id stays) and takes the new
 * spelling.
 *
 * @param deletes the deletes to send, first
 * @param upserts the upserts to send once the deletes are done
 * @param merged the deletes left out, each folded into an upsert of the same record
 */
public record CutWrites(
    List<PendingChange> deletes, List<PendingChange> upserts, List<PendingChange> merged) {

  public static CutWrites of(List<PendingChange> changes, KeyMatching matching) {
    List<PendingChange> upserts = new ArrayList<>();
    List<PendingChange> allDeletes = new ArrayList<>();
    Set<String> upserted = new HashSet<>();
    for (PendingChange change : changes) {
      if (change.kind() == PendingChange.Kind.DELETE) {
        allDeletes.add(change);
      } else {
        upserts.add(change);
        upserted.add(matching.canonical(change.key()));
      }
    }
    List<PendingChange> deletes = new ArrayList<>();
    List<PendingChange> merged = new ArrayList<>();
    for (PendingChange delete : allDeletes) {
      (upserted.contains(matching.canonical(delete.key())) ? merged : deletes).add(delete);
    }
    return new CutWrites(List.copyOf(deletes), List.copyOf(upserts), List.copyOf(merged));
  }
}

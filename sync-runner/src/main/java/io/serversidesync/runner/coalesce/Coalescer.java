package io.serversidesync.runner.coalesce;

import io.serversidesync.runner.capture.TupleView;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds one pending entry per upsert key with the merged latest row image, whatever the number of
 * changes to that key. Looks keys up by their bytes in the WAL message ({@link PendingIndex}) and
 * copies the values into the entry's own array, so an update of a pending key allocates nothing
 * while its values fit that array, and keeps no reference to the message (see {@link
 * PendingChange}). Not thread-safe: the capture thread owns it.
 */
public final class Coalescer {

  private static final int NONE = -1;
  private static final int KEPT = -2;

  private final int fieldCount;
  // per field, where upsert takes its value from: a column of the row, KEPT or NONE (reused)
  private final int[] source;
  private byte[] scratch = new byte[256];
  // insertion order = the order keys first changed in this window: a cut lists the changes that
  // have waited longest first, so they go out in the first requests (maxDelay bounds their wait)
  private PendingIndex pending = new PendingIndex(0);
  private List<RejectedChange> rejects = new ArrayList<>();
  private long estimatedBytes;
  private long capturedChanges;
  private long firstChangeNanos;
  private long oldestCommitMicros;
  private long position;

  /**
   * @param fieldCount number of mapped fields (the order of spec.mapping)
   */
  public Coalescer(int fieldCount) {
    this.fieldCount = fieldCount;
    this.source = new int[fieldCount];
  }

  /**
   * Merges a row image into the key's entry.
   *
   * @param key the upsert key's UTF-8 text: {@code length} bytes at {@code offset} of {@code
   *     keyBuf}
   * @param row the new row image
   * @param columnOfField for each mapped field, its column position in {@code row}, or -1
   * @param typeOids for each mapped field, the column type
   * @param fullImage true for inserts and snapshot rows (replace everything), false for updates
   *     (keep what an unchanged TOAST column left out)
   * @param commitMicros commit time of the change (Postgres epoch µs), 0 if unknown
   */
  public void upsert(
      byte[] keyBuf,
      int offset,
      int length,
      TupleView row,
      int[] columnOfField,
      int[] typeOids,
      boolean fullImage,
      long commitMicros) {
    PendingChange entry = entry(keyBuf, offset, length, commitMicros);
    boolean merge = !fullImage && entry.kind == PendingChange.Kind.UPSERT;
    byte[] message = row.buffer();
    byte[] kept = entry.values;
    int size = 0;
    for (int f = 0; f < fieldCount; f++) {
      int column = columnOfField[f];
      byte kind = column < 0 ? TupleView.UNCHANGED_TOAST : row.kind(column);
      switch (kind) {
        case TupleView.NULL -> {
          entry.states[f] = PendingChange.NULL;
          source[f] = NONE;
        }
        case TupleView.UNCHANGED_TOAST -> {
          if (merge && entry.states[f] == PendingChange.VALUE) {
            source[f] = KEPT; // the earlier value stays
            size += entry.lengths[f];
          } else {
            if (!(merge && entry.states[f] == PendingChange.NULL)) {
              entry.states[f] = PendingChange.ABSENT;
            }
            source[f] = NONE;
          }
        }
        default -> {
          entry.states[f] = PendingChange.VALUE;
          source[f] = column;
          size += row.length(column);
        }
      }
    }
    // the values, new and kept, side by side in scratch, then in the entry's own array
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
    }
    int at = 0;
    for (int f = 0; f < fieldCount; f++) {
      int from = source[f];
      if (from == NONE) {
        continue;
      }
      int valueLength = from == KEPT ? entry.lengths[f] : row.length(from);
      if (from == KEPT) {
        System.arraycopy(kept, entry.offsets[f], scratch, at, valueLength);
      } else {
        System.arraycopy(message, row.offset(from), scratch, at, valueLength);
      }
      entry.offsets[f] = at;
      entry.lengths[f] = valueLength;
      at += valueLength;
    }
    if (at == 0) {
      entry.values = null;
    } else {
      if (kept == null || kept.length < at || kept.length > 2 * at + 64) {
        entry.values = new byte[at];
      }
      System.arraycopy(scratch, 0, entry.values, 0, at);
    }
    entry.kind = PendingChange.Kind.UPSERT;
    entry.typeOids = typeOids;
    entry.incomplete = entry.incomplete && !fullImage && entry.lacksFields();
    long before = entry.estimatedBytes;
    entry.recomputeEstimate();
    estimatedBytes += entry.estimatedBytes - before;
  }

  /** Replaces the key's entry by a delete. */
  public void delete(byte[] keyBuf, int offset, int length, long commitMicros) {
    PendingChange entry = entry(keyBuf, offset, length, commitMicros);
    entry.kind = PendingChange.Kind.DELETE;
    entry.incomplete = false;
    for (int f = 0; f < fieldCount; f++) {
      entry.states[f] = PendingChange.ABSENT;
    }
    entry.values = null;
    long before = entry.estimatedBytes;
    entry.recomputeEstimate();
    estimatedBytes += entry.estimatedBytes - before;
  }

  /**
   * Marks the key's pending upsert as a record the destination may not have yet: the row took this
   * key in an update (a key change), whose image leaves unchanged TOAST values out. Those fields
   * cannot be left to the destination's copy, so {@link #incompleteKeys()} names the key until a
   * full image (a re-read of the row) fills them.
   */
  public void newRecord(byte[] keyBuf, int offset, int length) {
    PendingChange entry =
        pending.get(keyBuf, offset, length, PendingIndex.hash(keyBuf, offset, length));
    if (entry != null && entry.kind == PendingChange.Kind.UPSERT && entry.lacksFields()) {
      entry.incomplete = true;
    }
  }

  /** The keys of pending upserts that lack fields the destination may not have (see above). */
  public List<String> incompleteKeys() {
    List<String> keys = new ArrayList<>();
    for (PendingChange entry : pending.entries()) {
      if (entry.incomplete) {
        keys.add(entry.key());
      }
    }
    return keys;
  }

  /** Adds a change that goes to the errors table with this window. */
  public void reject(RejectedChange rejected, long commitMicros) {
    touch(commitMicros);
    rejects.add(rejected);
    estimatedBytes += 256 + (rejected.payloadJson() == null ? 0 : rejected.payloadJson().length());
  }

  /**
   * Sets the WAL position stamped on entries changed from now on: the commit LSN of the transaction
   * being decoded, or the position a re-read row was read at.
   */
  public void position(long lsn) {
    position = lsn;
  }

  public long position() {
    return position;
  }

  /** Distinct keys pending. */
  public int size() {
    return pending.size();
  }

  public boolean isEmpty() {
    return pending.isEmpty() && rejects.isEmpty();
  }

  /** Estimated heap held by the pending entries. */
  public long estimatedBytes() {
    return estimatedBytes;
  }

  /** System.nanoTime() of the first change since the last cut; meaningless when empty. */
  public long firstChangeNanos() {
    return firstChangeNanos;
  }

  /** Commit time (Postgres epoch µs) of the oldest pending change, 0 when none or unknown. */
  public long oldestCommitMicros() {
    return oldestCommitMicros;
  }

  /** Takes everything pending; the coalescer starts a new window. */
  public PendingCut cut(long coveredLsn) {
    PendingCut cut =
        new PendingCut(
            pending.entries(),
            rejects,
            coveredLsn,
            capturedChanges,
            oldestCommitMicros,
            estimatedBytes);
    // the next window is sized like this one: a backlog's windows hold as many keys each
    pending = new PendingIndex(pending.size());
    rejects = new ArrayList<>();
    estimatedBytes = 0;
    capturedChanges = 0;
    oldestCommitMicros = 0;
    return cut;
  }

  private PendingChange entry(byte[] keyBuf, int offset, int length, long commitMicros) {
    touch(commitMicros);
    int hash = PendingIndex.hash(keyBuf, offset, length);
    PendingChange entry = pending.get(keyBuf, offset, length, hash);
    if (entry == null) {
      byte[] key = new byte[length];
      System.arraycopy(keyBuf, offset, key, 0, length);
      entry = new PendingChange(key, hash, fieldCount);
      pending.add(entry);
    }
    entry.changes++;
    entry.lsn = position;
    return entry;
  }

  private void touch(long commitMicros) {
    if (isEmpty() && capturedChanges == 0) {
      firstChangeNanos = System.nanoTime();
    }
    if (oldestCommitMicros == 0) {
      oldestCommitMicros = commitMicros;
    }
    capturedChanges++;
  }
}

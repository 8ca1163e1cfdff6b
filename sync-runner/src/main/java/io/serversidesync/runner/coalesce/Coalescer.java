package io.serversidesync.runner.coalesce;

import io.serversidesync.runner.capture.TupleView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds one pending entry per upsert key with the merged latest row image, whatever the number of
 * changes to that key. Looks keys up by their bytes in the WAL message through a reused probe, so
 * an update of a pending key allocates nothing. Not thread-safe: the capture thread owns it.
 */
public final class Coalescer {

  private final int fieldCount;
  private final Probe probe = new Probe();
  // insertion order = the order keys first changed in this window: a cut lists the changes that
  // have waited longest first, so they go out in the first requests (maxDelay bounds their wait)
  private Map<Object, PendingChange> pending = new LinkedHashMap<>();
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
    for (int f = 0; f < fieldCount; f++) {
      int column = columnOfField[f];
      byte kind = column < 0 ? TupleView.UNCHANGED_TOAST : row.kind(column);
      switch (kind) {
        case TupleView.NULL -> {
          entry.states[f] = PendingChange.NULL;
          entry.buffers[f] = null;
        }
        case TupleView.UNCHANGED_TOAST -> {
          if (merge && entry.states[f] == PendingChange.VALUE) {
            // keep the earlier value, but copy it out so its whole message can be collected
            if (entry.buffers[f].length > entry.lengths[f] + 16) {
              byte[] own = new byte[entry.lengths[f]];
              System.arraycopy(entry.buffers[f], entry.offsets[f], own, 0, own.length);
              entry.buffers[f] = own;
              entry.offsets[f] = 0;
            }
          } else if (!(merge && entry.states[f] == PendingChange.NULL)) {
            entry.states[f] = PendingChange.ABSENT;
            entry.buffers[f] = null;
          }
        }
        default -> {
          entry.states[f] = PendingChange.VALUE;
          entry.buffers[f] = message;
          entry.offsets[f] = row.offset(column);
          entry.lengths[f] = row.length(column);
        }
      }
    }
    entry.kind = PendingChange.Kind.UPSERT;
    entry.typeOids = typeOids;
    entry.incomplete = entry.incomplete && !fullImage && entry.lacksFields();
    long before = entry.estimatedBytes;
    entry.recomputeEstimate(message);
    estimatedBytes += entry.estimatedBytes - before;
  }

  /** Replaces the key's entry by a delete. */
  public void delete(byte[] keyBuf, int offset, int length, long commitMicros) {
    PendingChange entry = entry(keyBuf, offset, length, commitMicros);
    entry.kind = PendingChange.Kind.DELETE;
    entry.incomplete = false;
    for (int f = 0; f < fieldCount; f++) {
      entry.states[f] = PendingChange.ABSENT;
      entry.buffers[f] = null;
    }
    long before = entry.estimatedBytes;
    entry.recomputeEstimate(null);
    estimatedBytes += entry.estimatedBytes - before;
  }

  /**
   * Marks the key's pending upsert as a record the destination may not have yet: the row took this
   * key in an update (a key change), whose image leaves unchanged TOAST values out. Those fields
   * cannot be left to the destination's copy, so {@link #incompleteKeys()} names the key until a
   * full image (a re-read of the row) fills them.
   */
  public void newRecord(byte[] keyBuf, int offset, int length) {
    probe.set(keyBuf, offset, length);
    PendingChange entry = pending.get(probe);
    if (entry != null && entry.kind == PendingChange.Kind.UPSERT && entry.lacksFields()) {
      entry.incomplete = true;
    }
  }

  /** The keys of pending upserts that lack fields the destination may not have (see above). */
  public List<String> incompleteKeys() {
    List<String> keys = new ArrayList<>();
    for (PendingChange entry : pending.values()) {
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
            new ArrayList<>(pending.values()),
            rejects,
            coveredLsn,
            capturedChanges,
            oldestCommitMicros,
            estimatedBytes);
    pending = new LinkedHashMap<>();
    rejects = new ArrayList<>();
    estimatedBytes = 0;
    capturedChanges = 0;
    oldestCommitMicros = 0;
    return cut;
  }

  private PendingChange entry(byte[] keyBuf, int offset, int length, long commitMicros) {
    touch(commitMicros);
    probe.set(keyBuf, offset, length);
    PendingChange entry = pending.get(probe);
    if (entry == null) {
      byte[] key = new byte[length];
      System.arraycopy(keyBuf, offset, key, 0, length);
      entry = new PendingChange(key, probe.hash, fieldCount);
      pending.put(new Key(key, probe.hash), entry);
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

  private static int hash(byte[] bytes, int offset, int length) {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /** A stored key: owns its bytes. */
  private static final class Key {
    final byte[] bytes;
    final int hash;

    Key(byte[] bytes, int hash) {
      this.bytes = bytes;
      this.hash = hash;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other instanceof Key key) {
        return key.hash == hash && java.util.Arrays.equals(key.bytes, bytes);
      }
      if (other instanceof Probe p) {
        return p.equals(this);
      }
      return false;
    }
  }

  /** A lookup key pointing into a message; reused for every change. */
  private static final class Probe {
    byte[] bytes;
    int offset;
    int length;
    int hash;

    void set(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.offset = offset;
      this.length = length;
      this.hash = Coalescer.hash(bytes, offset, length);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.hash == hash
          && java.util.Arrays.equals(
              key.bytes, 0, key.bytes.length, bytes, offset, offset + length);
    }
  }
}

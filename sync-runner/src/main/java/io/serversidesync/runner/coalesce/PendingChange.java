package io.serversidesync.runner.coalesce;

import java.nio.charset.StandardCharsets;

/**
 * The merged latest image of one upsert key since the last flush. The values' text (unparsed) is
 * copied out of the WAL message into one array the entry owns and reuses while it fits, so the
 * message itself dies young however long the key stays pending (an entry that pointed into its
 * latest message kept that message alive into the old generation, one per change of a pending key).
 * A column an update left out (unchanged TOAST) keeps the value from an earlier change of the same
 * window or, failing that, stays {@link #ABSENT}, so it is left out of the record rather than sent
 * as null.
 */
public final class PendingChange {

  /** What the destination should do with the key. */
  public enum Kind {
    UPSERT,
    DELETE
  }

  /** The column's value is unknown here (unchanged TOAST, first seen in this window). */
  public static final byte ABSENT = 0;

  public static final byte NULL = 1;
  public static final byte VALUE = 2;

  private static final int OVERHEAD_BYTES = 160;

  final byte[] key;
  final int hash;
  Kind kind;
  // the VALUE fields' text, each at offsets[f] for lengths[f] bytes; null when none has a value
  byte[] values;
  final int[] offsets;
  final int[] lengths;
  final byte[] states;
  int[] typeOids;
  int changes;
  long lsn;
  long estimatedBytes;
  // the row took this key in an update, so the destination may have no record under it yet, and an
  // unchanged TOAST value left a field out: the row is read again before the cut (see Coalescer)
  boolean incomplete;

  PendingChange(byte[] key, int hash, int fieldCount) {
    this.key = key;
    this.hash = hash;
    this.offsets = new int[fieldCount];
    this.lengths = new int[fieldCount];
    this.states = new byte[fieldCount];
  }

  /** Whether a field is left out (an unchanged TOAST value with no earlier value in the window). */
  boolean lacksFields() {
    for (byte state : states) {
      if (state == ABSENT) {
        return true;
      }
    }
    return false;
  }

  /** The upsert key's text. */
  public String key() {
    return new String(key, StandardCharsets.UTF_8);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Commit LSN of the latest change merged into this entry, or the capture position at which a
   * re-read row was read (0 when unknown: snapshot rows, error replays). Two-way sync compares it
   * with the position of its own writes to the table to tell a superseded change.
   */
  public long lsn() {
    return lsn;
  }

  /** How many captured changes this entry merges. */
  public int changes() {
    return changes;
  }

  public int fieldCount() {
    return states.length;
  }

  /** {@link #ABSENT}, {@link #NULL} or {@link #VALUE}. */
  public byte state(int field) {
    return states[field];
  }

  public int typeOid(int field) {
    return typeOids[field];
  }

  /** The array holding the field's text (meaningful when its state is {@link #VALUE}). */
  public byte[] buffer(int field) {
    return values;
  }

  public int offset(int field) {
    return offsets[field];
  }

  public int length(int field) {
    return lengths[field];
  }

  /** The value's text, or null when NULL or absent (allocates). */
  public String text(int field) {
    return states[field] == VALUE
        ? new String(values, offsets[field], lengths[field], StandardCharsets.UTF_8)
        : null;
  }

  /** Rough heap this entry holds, its values included; drives the memory bound. */
  long estimatedBytes() {
    return estimatedBytes;
  }

  void recomputeEstimate() {
    estimatedBytes =
        OVERHEAD_BYTES + key.length + 24L * states.length + (values == null ? 0 : values.length);
  }
}

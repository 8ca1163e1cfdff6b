package io.serversidesync.runner.coalesce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pending entries of one window by the bytes of their upsert key, in the order the keys were
 * added. An open-addressing table (linear probing, at most half full) that keeps each entry's hash
 * beside it, so a lookup of a key that is pending usually touches the hash array, the entry and its
 * key once, and a lookup by bytes inside a WAL message needs no key object. Entries are never
 * removed: a cut takes the whole window. Not thread-safe.
 */
final class PendingIndex {

  private static final int MIN_CAPACITY = 16;

  private final List<PendingChange> order;
  private PendingChange[] slots;
  private int[] hashes;
  private int mask;
  private int shift;

  /**
   * @param expectedKeys keys the window is expected to hold (the table is sized for them once)
   */
  PendingIndex(int expectedKeys) {
    int capacity = capacityFor(Math.max(expectedKeys, 0));
    slots = new PendingChange[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    order = new ArrayList<>(Math.max(expectedKeys, MIN_CAPACITY));
  }

  /** The polynomial hash of {@code length} bytes at {@code offset} (as {@link Arrays#hashCode}). */
  static int hash(byte[] bytes, int offset, int length) {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /** The entry whose key is {@code length} bytes at {@code offset}, with this hash, or null. */
  PendingChange get(byte[] bytes, int offset, int length, int hash) {
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      PendingChange entry = slots[i];
      if (entry == null) {
        return null;
      }
      if (hashes[i] == hash
          && Arrays.equals(entry.key, 0, entry.key.length, bytes, offset, offset + length)) {
        return entry;
      }
    }
  }

  /** Adds an entry whose key is not in the index yet. */
  void add(PendingChange entry) {
    if ((order.size() + 1) * 2 > slots.length) {
      grow();
    }
    place(entry);
    order.add(entry);
  }

  int size() {
    return order.size();
  }

  boolean isEmpty() {
    return order.isEmpty();
  }

  /** The entries in the order their keys were added (a live view: do not modify). */
  List<PendingChange> entries() {
    return order;
  }

  private void place(PendingChange entry) {
    int i = slot(entry.hash);
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = entry;
    hashes[i] = entry.hash;
  }

  private void grow() {
    slots = new PendingChange[slots.length * 2];
    hashes = new int[slots.length];
    mask = slots.length - 1;
    shift = 32 - Integer.numberOfTrailingZeros(slots.length);
    for (PendingChange entry : order) {
      place(entry);
    }
  }

  /** Fibonacci hashing: the hash's bits spread over the table's index bits. */
  private int slot(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  private static int capacityFor(int keys) {
    int capacity = MIN_CAPACITY;
    while (capacity < keys * 2 && capacity < 1 << 30) {
      capacity <<= 1;
    }
    return capacity;
  }
}

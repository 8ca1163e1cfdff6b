package io.serversidesync.runner.reverse.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys whose rows the runner wrote with destination values, with the WAL position of that write,
 * until the slot is confirmed past it. A change of such a key committed before the write is
 * superseded: the forward direction does not send it (the destination already holds the newer
 * value). Loaded from serversidesync.synced_versions at start, so this holds across restarts.
 */
public final class RecentReverseWrites {

  private final Map<String, Long> writes = new ConcurrentHashMap<>();

  void put(String key, long lsn) {
    writes.merge(key, lsn, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
  }

  public void putAll(Map<String, Long> keys) {
    keys.forEach(this::put);
  }

  /**
   * Whether a change of {@code key} at {@code lsn} is superseded. A position of 0 (a row re-read
   * from the table: it already holds every write committed before it was read) never is.
   */
  public boolean superseded(String key, long lsn) {
    if (lsn == 0) {
      return false;
    }
    Long written = writes.get(key);
    return written != null && Long.compareUnsigned(lsn, written) < 0;
  }

  /** Forgets writes the slot was confirmed past: every change before them was delivered. */
  public void prune(long confirmed) {
    if (confirmed != 0) {
      writes.values().removeIf(lsn -> Long.compareUnsigned(lsn, confirmed) <= 0);
    }
  }

  int size() {
    return writes.size();
  }
}

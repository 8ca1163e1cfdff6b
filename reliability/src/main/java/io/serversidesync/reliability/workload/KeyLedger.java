package io.serversidesync.reliability.workload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per key, what the writer did last and when it last wrote: the state Postgres must end in, and the
 * times a destination-side edit of the key is compared with. Changes of one key are ordered by the
 * WAL position read under the row lock just before COMMIT, which is their commit order.
 */
public final class KeyLedger {

  /**
   * The writer's last word on a key.
   *
   * @param seq the last change's sequence number, or 0 when it deleted the row
   * @param lsn the WAL position read under the row lock before its COMMIT (0: initial load)
   * @param firstStartNanos when the first transaction after the initial load began to write the key
   *     ({@link Long#MAX_VALUE} when none)
   * @param lastStartNanos when the latest transaction writing the key began (its first attempt)
   * @param lastEndNanos when the latest commit of a transaction writing the key returned
   */
  public record Last(
      long seq, long lsn, long firstStartNanos, long lastStartNanos, long lastEndNanos) {

    /** Whether the writer changed the key after its initial insert. */
    public boolean changed() {
      return lastEndNanos > 0;
    }

    /** Whether the key's row exists at the end. */
    public boolean present() {
      return seq != 0;
    }
  }

  private final Map<String, Last> keys = new ConcurrentHashMap<>();

  /** Records the initial insert of {@code ref} with sequence number {@code seq}. */
  void initial(String ref, long seq) {
    keys.put(ref, new Last(seq, 0, Long.MAX_VALUE, 0, 0));
  }

  /** Records a committed change that took effect (an upsert, or a delete that found its row). */
  void committed(String ref, long seq, long lsn, long startNanos, long endNanos) {
    keys.merge(
        ref,
        new Last(seq, lsn, startNanos, startNanos, endNanos),
        (a, b) -> {
          Last later = Long.compareUnsigned(b.lsn, a.lsn) >= 0 ? b : a;
          return new Last(
              later.seq,
              later.lsn,
              Math.min(a.firstStartNanos, b.firstStartNanos),
              Math.max(a.lastStartNanos, b.lastStartNanos),
              Math.max(a.lastEndNanos, b.lastEndNanos));
        });
  }

  /** The writer's last word on {@code ref}; absent only for keys it never wrote. */
  public Last last(String ref) {
    return keys.get(ref);
  }
}

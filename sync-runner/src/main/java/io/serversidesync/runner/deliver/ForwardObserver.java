package io.serversidesync.runner.deliver;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.WriteOperation;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the reverse direction of a two-way sync needs from forward delivery; one-way syncs use
 * {@link #NONE}. Called from delivery threads, concurrently.
 */
public interface ForwardObserver {

  /**
   * Whether a change is superseded: the runner wrote the key's row itself (a destination change
   * applied to the table) after the change was committed, so sending it would overwrite the newer
   * destination value with an older one. Superseded changes are not sent.
   *
   * @param key the upsert key
   * @param lsn {@link io.serversidesync.runner.coalesce.PendingChange#lsn()} of the change
   */
  boolean superseded(String key, long lsn);

  /**
   * The upserts to send: those the destination has not acknowledged already. Changes read again
   * after a restart (the slot confirms after the acknowledgement) are no newer than what the
   * destination acknowledged, and a table read again carries the values last synced; sending them
   * again would overwrite a destination edit made since, which the reverse direction has yet to
   * read (a key explicitly asked to be sent again is sent). May record that the returned records
   * are being sent, so their echo is known before the answer. Called before each request's first
   * attempt.
   *
   * @param upserts the records of a request
   * @param lsnOf {@link io.serversidesync.runner.coalesce.PendingChange#lsn()} of a record's key
   */
  default List<DestinationRecord> unsynced(
      List<DestinationRecord> upserts, ToLongFunction<String> lsnOf) throws InterruptedException {
    return upserts;
  }

  /**
   * The deletes to send: a delete no newer than a change of its key the destination acknowledged is
   * left out. Read again after a restart, it would delete the record that newer change made (a row
   * deleted and inserted again). Called before each request's first attempt.
   *
   * @param deletes the records of a delete request
   * @param lsnOf {@link io.serversidesync.runner.coalesce.PendingChange#lsn()} of a record's key
   */
  default List<DestinationRecord> deletesToSend(
      List<DestinationRecord> deletes, ToLongFunction<String> lsnOf) throws InterruptedException {
    return deletes;
  }

  /**
   * Records that ended as errors (refused, or still failing after every attempt): their writes are
   * over without reaching the destination. Called once per delivered cut.
   *
   * @param keys their upsert keys
   */
  default void abandoned(List<String> keys) throws InterruptedException {}

  /**
   * Records the destination acknowledged. Returns once what two-way sync keeps about them (native
   * ids, last synced versions) is stored.
   */
  void acknowledged(WriteOperation operation, List<AckedRecord> records)
      throws InterruptedException;

  /** Observes nothing. */
  ForwardObserver NONE =
      new ForwardObserver() {
        @Override
        public boolean superseded(String key, long lsn) {
          return false;
        }

        @Override
        public void acknowledged(WriteOperation operation, List<AckedRecord> records) {}
      };
}

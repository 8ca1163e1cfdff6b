package io.serversidesync.runner.reverse.decide;

import java.time.Instant;

/**
 * What the runner knows about the last synced version of one key (a row of
 * serversidesync.synced_versions).
 *
 * @param key the upsert key
 * @param hashes the mapped fields as last synced (written forward or applied from the destination)
 * @param destModstamp the newest destination modification time read for the key, or null
 * @param destHashes the fields of the destination version read at that time, or null
 * @param nativeId the destination's id of the record, or null
 * @param forwardAt when the runner last recorded a forward write of the key, or null
 * @param reverseLsn WAL position of the runner's last write of a destination value into the row (0:
 *     none); a change committed before it is superseded
 * @param forwardLsn commit position of the newest change of the key the destination acknowledged
 *     (0: none)
 * @param resendAfter the key must be sent again once the capture side has read past this position
 *     (0: no request)
 * @param sentHashes the values of a forward write sent but whose acknowledgement is not yet
 *     recorded, or null: a destination record holding them may be that write, landed
 */
public record SyncedVersion(
    String key,
    FieldHashes hashes,
    Instant destModstamp,
    FieldHashes destHashes,
    String nativeId,
    Instant forwardAt,
    long reverseLsn,
    long forwardLsn,
    long resendAfter,
    FieldHashes sentHashes) {

  /**
   * Whether the destination acknowledged a change of the key no older than one captured at {@code
   * lsn} (0: position unknown, never): sending that change again, an upsert or a delete, would undo
   * a newer one.
   */
  public boolean acknowledgedSince(long lsn) {
    return lsn != 0 && forwardLsn != 0 && Long.compareUnsigned(lsn, forwardLsn) <= 0;
  }

  /**
   * Whether a change of the key captured at {@code lsn} (0: position unknown) with these values is
   * in the destination already, or superseded there, as far as the runner knows. A change no newer
   * than one the destination acknowledged always is (a replay must never send an older value). A
   * newer one holding the very values last synced is too, unless the key was asked to be sent again
   * at or before {@code lsn}: the destination may since have changed, and whether the acknowledged
   * write landed before or after that change is not known.
   */
  public boolean delivered(long lsn, FieldHashes values) {
    if (acknowledgedSince(lsn)) {
      return true;
    }
    if (resendAfter != 0 && lsn != 0 && Long.compareUnsigned(resendAfter, lsn) <= 0) {
      return false;
    }
    return hashes != null && values.sameAs(hashes);
  }
}

package io.serversidesync.runner.reverse.decide;

import java.time.Instant;

/**
 * An update of one key's row in serversidesync.synced_versions; null (or 0) leaves a column as it
 * is.
 *
 * @param key the upsert key
 * @param hashes the fields as now synced; unknown fields keep their earlier hash
 * @param destModstamp a destination modification time read (the newest is kept)
 * @param destHashes the fields of the destination version read at that time
 * @param nativeId the destination's id
 * @param forwardAt when a forward write of the key was recorded
 * @param reverseLsn WAL position of a write of a destination value into the row
 * @param resendAfter asks the capture side to send the row again once it has read the WAL up to
 *     here
 */
public record VersionWrite(
    String key,
    FieldHashes hashes,
    Instant destModstamp,
    FieldHashes destHashes,
    String nativeId,
    Instant forwardAt,
    long reverseLsn,
    long resendAfter) {}

package io.serversidesync.runner.reverse;

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
 */
record SyncedVersion(
    String key,
    FieldHashes hashes,
    Instant destModstamp,
    FieldHashes destHashes,
    String nativeId,
    Instant forwardAt,
    long reverseLsn) {}

package io.serversidesync.runner.deliver;

import io.serversidesync.runner.destination.DestinationRecord;

/**
 * A record the destination acknowledged.
 *
 * @param record what was written (for deletes: the key only)
 * @param nativeId the destination's id of the record, or null when it did not say
 * @param lsn {@link io.serversidesync.runner.coalesce.PendingChange#lsn()} of the change it came
 *     from
 */
public record AckedRecord(DestinationRecord record, String nativeId, long lsn) {}

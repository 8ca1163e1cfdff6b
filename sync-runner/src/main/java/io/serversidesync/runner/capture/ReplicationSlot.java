package io.serversidesync.runner.capture;

/**
 * The sync's logical replication slot as pg_replication_slots shows it.
 *
 * @param name slot name
 * @param confirmedFlushLsn what the slot has been told is processed (0 when unknown)
 * @param activePid the walsender using it, or 0 when unused
 */
public record ReplicationSlot(String name, long confirmedFlushLsn, int activePid) {}

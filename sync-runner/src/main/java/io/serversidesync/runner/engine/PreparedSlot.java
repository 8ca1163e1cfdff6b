package io.serversidesync.runner.engine;

import io.serversidesync.runner.deliver.Checkpoint;
import java.sql.Connection;

/**
 * A slot whose snapshot is completely delivered.
 *
 * @param replication the replication connection that created a new slot (streaming continues on
 *     it), or null when the slot existed
 * @param checkpoint what may be confirmed to it, starting at its confirmed position
 */
record PreparedSlot(Connection replication, Checkpoint checkpoint) {}

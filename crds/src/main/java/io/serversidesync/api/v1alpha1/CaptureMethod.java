package io.serversidesync.api.v1alpha1;

/** How the runner learns of the table's changes. */
public enum CaptureMethod {
  /** A publication and a logical replication slot: the WAL, decoded with pgoutput. */
  LogicalReplication,
  /**
   * Statement triggers that write each changed key into a change table in the serversidesync
   * schema, for databases where no role may create a replication slot.
   */
  Triggers
}

package io.serversidesync.api.v1alpha1;

/** Which side wins when both changed a record since it was last synced. */
public enum ConflictPolicy {
  SourceWins,
  DestinationWins,
  LastWriteWins
}

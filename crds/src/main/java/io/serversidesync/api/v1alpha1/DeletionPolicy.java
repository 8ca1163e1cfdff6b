package io.serversidesync.api.v1alpha1;

/** What deleting the resource does to the replication slot and publication. */
public enum DeletionPolicy {
  Delete,
  Retain
}

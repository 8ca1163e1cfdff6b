package io.serversidesync.api.v1alpha1;

/** What a row deleted in Postgres does in the destination. */
public enum DeletePolicy {
  Ignore,
  Delete
}

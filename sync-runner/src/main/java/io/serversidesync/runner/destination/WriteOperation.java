package io.serversidesync.runner.destination;

/** What a batch does to the destination records named by their external ids. */
public enum WriteOperation {
  /** Insert or update by external id. */
  UPSERT,
  /** Delete by external id (only when the sync's deletes policy is Delete). */
  DELETE
}

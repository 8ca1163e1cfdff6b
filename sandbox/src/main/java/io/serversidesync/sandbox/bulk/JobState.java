package io.serversidesync.sandbox.bulk;

/** Bulk API 2.0 ingest job states. */
public enum JobState {
  Open,
  UploadComplete,
  InProgress,
  JobComplete,
  Failed,
  Aborted;

  public boolean finished() {
    return this == JobComplete || this == Failed || this == Aborted;
  }
}

package io.serversidesync.runner.reverse.decide;

/** What the reverse direction does with one changed destination record. */
public enum Verdict {
  /** Write the destination's values (and native id) into the existing row. */
  APPLY,
  /** Insert the record as a new row. */
  INSERT,
  /** The destination holds what the runner last synced (its own write): nothing to apply. */
  ECHO,
  /** Both sides hold the same values already: remember the version, nothing to apply. */
  AGREE,
  /** A forward write of the key was recorded after this read began: the read is out of date. */
  STALE,
  /** Older than a version of the record already read. */
  OLDER,
  /** The very version read and decided on before (read again while it settles). */
  SEEN,
  /** The row was deleted in Postgres; the record is the one that was synced, so it stays out. */
  DELETED_IN_SOURCE,
  /** Both sides changed and the source wins: the forward direction writes the row's values. */
  SOURCE_WINS;

  /** Whether the row is written with the destination's values. */
  public boolean writesRow() {
    return this == APPLY || this == INSERT;
  }
}

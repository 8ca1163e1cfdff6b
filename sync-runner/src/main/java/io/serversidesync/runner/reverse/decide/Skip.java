package io.serversidesync.runner.reverse.decide;

/** Why a changed destination record was not applied (counted per reason, logged with the fix). */
public enum Skip {
  /** The record has no external id: the identifier is customer-managed. */
  EMPTY_EXTERNAL_ID,
  /** Postgres refused the record's values (type, length, constraint). */
  REJECTED_BY_POSTGRES,
  /** The row was deleted in Postgres; the record that was synced to it stays out. */
  DELETED_IN_POSTGRES,
  /**
   * A record created in the destination whose lookup points at a parent without external id: a row
   * inserted without it would clear that lookup with its next forward change.
   */
  PARENT_WITHOUT_KEY;

  /** Prometheus label value. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

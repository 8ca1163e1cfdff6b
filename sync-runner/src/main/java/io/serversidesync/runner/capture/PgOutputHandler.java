package io.serversidesync.runner.capture;

/**
 * Receives decoded pgoutput messages in WAL order. Tuple views are only valid during the call (the
 * decoder reuses them); their buffers may be kept.
 */
public interface PgOutputHandler {

  /**
   * A transaction starts.
   *
   * @param finalLsn LSN of the transaction's commit record
   * @param commitTimeMicros commit time in microseconds since 2000-01-01 UTC (Postgres epoch)
   * @param xid transaction id
   */
  void begin(long finalLsn, long commitTimeMicros, int xid);

  /**
   * The transaction committed.
   *
   * @param commitLsn LSN of the commit record
   * @param endLsn end of the transaction: confirming this LSN acknowledges the whole transaction
   * @param commitTimeMicros commit time in microseconds since 2000-01-01 UTC
   */
  void commit(long commitLsn, long endLsn, long commitTimeMicros);

  /** The transaction was replayed from another node with this replication origin. */
  void origin(long originLsn, String originName);

  /** Describes a relation before its first row message (and again after a schema change). */
  void relation(Relation relation);

  /** Describes a non-built-in type used by a published column. */
  void type(int oid, String namespace, String name);

  void insert(Relation relation, TupleView newRow);

  /**
   * @param oldRow the old key (K) or full old row (O) when the replica identity sends one, else
   *     null
   * @param oldIsKeyOnly true when {@code oldRow} holds only the replica identity columns
   */
  void update(Relation relation, TupleView oldRow, boolean oldIsKeyOnly, TupleView newRow);

  /**
   * @param oldRow the replica identity columns (K) or the full row (O); other columns are null
   * @param oldIsKeyOnly true when only the replica identity columns are present
   */
  void delete(Relation relation, TupleView oldRow, boolean oldIsKeyOnly);

  /**
   * @param relationIds the truncated tables
   * @param cascade TRUNCATE ... CASCADE
   * @param restartIdentity TRUNCATE ... RESTART IDENTITY
   */
  void truncate(int[] relationIds, boolean cascade, boolean restartIdentity);
}

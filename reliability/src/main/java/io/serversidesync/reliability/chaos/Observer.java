package io.serversidesync.reliability.chaos;

import io.serversidesync.reliability.workload.SourceWriter;
import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.bulk.IngestJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the harness sees from outside the runner: the slot in Postgres's catalog, the sync's state
 * table, and the destination's records, Bulk jobs and call counters. No hook in the runner.
 */
final class Observer implements AutoCloseable {

  private final SourceWriter.ConnectionFactory db;
  private final Sandbox sandbox;
  private final ChaosDestination destination;
  private final String slot;
  private final String sync;
  private Connection connection;

  Observer(
      SourceWriter.ConnectionFactory db,
      Sandbox sandbox,
      ChaosDestination destination,
      String sync) {
    this.db = db;
    this.sandbox = sandbox;
    this.destination = destination;
    this.sync = sync;
    this.slot = "sss_" + sync.replace('-', '_');
  }

  /** Postgres did not answer (it is restarting); the observation is retried later. */
  static final class PostgresAway extends RuntimeException {
    PostgresAway(SQLException cause) {
      super("Postgres does not answer: " + cause.getMessage(), cause);
    }
  }

  /** The slot's confirmed_flush_lsn, 0 when there is no slot. */
  long slotConfirmed() {
    return query(
            "SELECT coalesce(confirmed_flush_lsn::text, '0/0') FROM pg_replication_slots"
                + " WHERE slot_name = ?",
            slot)
        .map(SourceWriter::parseLsn)
        .orElse(0L);
  }

  /**
   * Trigger capture: the changes in the sync's change table (recorded, not yet acknowledged and
   * deleted); 0 when it does not exist yet.
   */
  long pendingChanges() {
    String table = "serversidesync." + slot + "_changes";
    boolean exists =
        query("SELECT (to_regclass(?) IS NOT NULL)::text", table).map("true"::equals).orElse(false);
    return exists
        ? query("SELECT count(*)::text FROM " + table, null).map(Long::parseLong).orElse(0L)
        : 0;
  }

  /** Whether a walsender is attached to the slot. */
  boolean slotActive() {
    return query("SELECT active::text FROM pg_replication_slots WHERE slot_name = ?", slot)
        .map("true"::equals)
        .orElse(false);
  }

  /** Whether serversidesync.syncs records the sync's initial snapshot as delivered. */
  boolean snapshotCompleted() {
    return query(
            "SELECT (snapshot_completed_at IS NOT NULL)::text FROM serversidesync.syncs"
                + " WHERE sync = ?",
            sync)
        .map("true"::equals)
        .orElse(false);
  }

  /** The server's WAL insert position now. */
  long walInsertLsn() {
    return query("SELECT pg_current_wal_insert_lsn()::text", null)
        .map(SourceWriter::parseLsn)
        .orElseThrow();
  }

  /** The highest change sequence number any destination record carries. */
  long maxSeqInDestination() {
    return destination.maxSeq(sandbox);
  }

  /** Ids of the Bulk jobs the destination knows. */
  Set<String> bulkJobIds() {
    return sandbox.bulkJobs().stream().map(IngestJob::id).collect(Collectors.toSet());
  }

  /** A Bulk job that is not among {@code known} and has not finished. */
  Optional<IngestJob> unfinishedJobBesides(Set<String> known) {
    return sandbox.bulkJobs().stream()
        .filter(j -> !known.contains(j.id()) && !j.progress().state().finished())
        .findFirst();
  }

  /** Write calls the destination received (upserts, deletes, Bulk job creations). */
  long writeCalls() {
    return destination.writeCalls(sandbox.stats());
  }

  private Optional<String> query(String sql, String parameter) {
    try {
      if (connection == null || connection.isClosed()) {
        connection = db.open();
      }
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        if (parameter != null) {
          s.setString(1, parameter);
        }
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return Optional.empty(); // serversidesync.syncs does not exist yet
      }
      close(); // the next call reconnects
      throw new PostgresAway(e);
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken
      }
      connection = null;
    }
  }
}

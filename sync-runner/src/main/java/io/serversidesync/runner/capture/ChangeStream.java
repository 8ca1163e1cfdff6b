package io.serversidesync.runner.capture;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The slot's change stream over a replication connection (PgJDBC's replication API), with the one
 * thing the runner tells the server: the LSN up to which everything is processed.
 */
public final class ChangeStream implements AutoCloseable {

  private final Connection connection;
  private final PGReplicationStream stream;
  private long confirmed;

  private ChangeStream(Connection connection, PGReplicationStream stream, long startLsn) {
    this.connection = connection;
    this.stream = stream;
    this.confirmed = startLsn;
  }

  /**
   * Starts streaming pgoutput (protocol 1) for the publication from {@code startLsn} (normally the
   * slot's confirmed position; the server never goes back before it).
   */
  public static ChangeStream start(
      Connection replication,
      String slot,
      String publication,
      long startLsn,
      Duration statusInterval)
      throws SQLException {
    PGReplicationStream stream =
        replication
            .unwrap(PGConnection.class)
            .getReplicationAPI()
            .replicationStream()
            .logical()
            .withSlotName(slot)
            .withSlotOption("proto_version", "1")
            .withSlotOption("publication_names", publication)
            .withStartPosition(LogSequenceNumber.valueOf(startLsn))
            .withStatusInterval((int) statusInterval.toMillis(), TimeUnit.MILLISECONDS)
            .start();
    return new ChangeStream(replication, stream, startLsn);
  }

  /** The next message (XLogData payload: one pgoutput message), or null if none is waiting. */
  public ByteBuffer poll() throws SQLException {
    return stream.readPending();
  }

  /**
   * The latest WAL position the server reported: the start of the last message or the end of WAL
   * sent in the last keepalive.
   */
  public long lastReceived() {
    return stream.getLastReceiveLSN().asLong();
  }

  /** The last position told to the slot. */
  public long confirmed() {
    return confirmed;
  }

  /**
   * Tells the server that everything before {@code lsn} is processed (sent with the next status
   * update, or at once when {@code now}). Never moves backwards.
   */
  public void confirm(long lsn, boolean now) throws SQLException {
    if (Long.compareUnsigned(lsn, confirmed) > 0) {
      confirmed = lsn;
      LogSequenceNumber value = LogSequenceNumber.valueOf(lsn);
      stream.setFlushedLSN(value);
      stream.setAppliedLSN(value);
    }
    if (now) {
      stream.forceUpdateStatus();
    }
  }

  /** Sends a status update now (keeps the walsender from timing out while reading is paused). */
  public void heartbeat() throws SQLException {
    stream.forceUpdateStatus();
  }

  @Override
  public void close() throws SQLException {
    try {
      if (!stream.isClosed()) {
        stream.close();
      }
    } finally {
      connection.close();
    }
  }
}

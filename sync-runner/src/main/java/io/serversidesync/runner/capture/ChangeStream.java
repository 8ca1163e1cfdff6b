package io.serversidesync.runner.capture;

import io.serversidesync.runner.pg.Lsn;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The slot's change stream over a replication connection (PgJDBC's replication API), with the one
 * thing the runner tells the server: the LSN up to which everything is processed.
 */
public final class ChangeStream implements CaptureFeed, AutoCloseable {

  private final Connection connection;
  private final PGReplicationStream stream;
  private final long startLsn;
  private final long backlogEnd;
  private long confirmed;

  private ChangeStream(
      Connection connection, PGReplicationStream stream, long startLsn, long backlogEnd) {
    this.connection = connection;
    this.stream = stream;
    this.confirmed = startLsn;
    this.startLsn = startLsn;
    this.backlogEnd = backlogEnd;
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
    long backlogEnd = serverFlushPosition(replication);
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
    return new ChangeStream(replication, stream, startLsn, backlogEnd);
  }

  /** The server's WAL flush position (IDENTIFY_SYSTEM's xlogpos). */
  private static long serverFlushPosition(Connection replication) throws SQLException {
    try (Statement s = replication.createStatement();
        ResultSet rs = s.executeQuery("IDENTIFY_SYSTEM")) {
      if (!rs.next()) {
        throw new SQLException("IDENTIFY_SYSTEM returned no row");
      }
      return Lsn.parse(rs.getString("xlogpos"));
    }
  }

  /** The position streaming started from (the slot's confirmed position). */
  @Override
  public long startLsn() {
    return startLsn;
  }

  /**
   * The server's WAL flush position when streaming started: the WAL written before then (while the
   * runner was stopped, or during the initial snapshot) ends here.
   */
  @Override
  public long backlogEnd() {
    return backlogEnd;
  }

  /**
   * Whether the stream is still delivering WAL that was already written when it started: the runner
   * is catching up, and more changes are waiting right behind the ones it has read.
   */
  @Override
  public boolean catchingUp() {
    long received = stream.getLastReceiveLSN().asLong(); // 0 until the first message
    return Long.compareUnsigned(Math.max(received, startLsn), backlogEnd) < 0;
  }

  /** The next message (XLogData payload: one pgoutput message), or null if none is waiting. */
  public ByteBuffer poll() throws SQLException {
    return stream.readPending();
  }

  /**
   * The latest WAL position the server reported: the start of the last message or the end of WAL
   * sent in the last keepalive.
   */
  @Override
  public long lastReceived() {
    return stream.getLastReceiveLSN().asLong();
  }

  /** The last position told to the slot. */
  @Override
  public long confirmed() {
    return confirmed;
  }

  /**
   * Tells the server that everything before {@code lsn} is processed (sent with the next status
   * update, or at once when {@code now}). Never moves backwards.
   */
  @Override
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
  @Override
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

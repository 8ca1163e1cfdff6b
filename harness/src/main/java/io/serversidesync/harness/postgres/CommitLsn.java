package io.serversidesync.harness.postgres;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Runs statements in one transaction and returns the WAL position of its commit record: the exact
 * bound a slot's confirmed LSN must not pass while the transaction is undelivered. Postgres skips a
 * transaction on a slot's next start only when its commit record lies before the confirmed LSN, so
 * a runner may legitimately confirm anything up to this position (keepalives report positions of
 * unrelated WAL, and even of the transaction's own records before its commit), and nothing past it.
 *
 * <p>The position is read, not guessed from {@code pg_current_wal_insert_lsn()} around the
 * statements: a temporary pgoutput slot created just before the transaction decodes it, and the
 * transaction's BEGIN message carries its commit LSN.
 */
public final class CommitLsn {

  private CommitLsn() {}

  /**
   * @param publication a publication that publishes a table the statements change
   * @return the LSN of the transaction's commit record
   */
  public static long of(PostgresDatabase db, String publication, String... statements) {
    String slot = "commit_probe_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection probe = db.connect()) {
      try (Statement s = probe.createStatement()) {
        // temporary: dropped with this session, whatever happens below
        s.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput', true)");
      }
      long xid = commit(db, statements);
      return commitLsn(probe, slot, publication, xid);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the commit LSN failed: " + e.getMessage(), e);
    }
  }

  private static long commit(PostgresDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
        long xid;
        try (ResultSet rs = s.executeQuery("SELECT txid_current() % 4294967296")) {
          rs.next();
          xid = rs.getLong(1);
        }
        c.commit();
        return xid;
      }
    }
  }

  /** The BEGIN message of pgoutput: 'B', Int64 final (commit) LSN, Int64 timestamp, Int32 xid. */
  private static long commitLsn(Connection probe, String slot, String publication, long xid)
      throws SQLException {
    try (PreparedStatement s =
        probe.prepareStatement(
            "SELECT data FROM pg_logical_slot_peek_binary_changes(?, NULL, NULL,"
                + " 'proto_version', '1', 'publication_names', ?)")) {
      s.setString(1, slot);
      s.setString(2, publication);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ByteBuffer message = ByteBuffer.wrap(rs.getBytes(1));
          if (message.get(0) == 'B' && Integer.toUnsignedLong(message.getInt(17)) == xid) {
            return message.getLong(1);
          }
        }
      }
    }
    throw new IllegalStateException(
        "transaction " + xid + " published nothing through " + publication + "; check the table");
  }
}

package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.WriterSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection through which the runner writes into the synced table: reverse applies and
 * native ids. It runs under the replication origin named like the slot ({@code
 * pg_replication_origin_session_setup('sss_<sync>')}), so its transactions reach the capture side
 * tagged with that origin and are skipped there: nothing the runner writes is sent back. Postgres
 * lets one session at a time use an origin, so every such write goes through here, one transaction
 * at a time. Under trigger capture the session instead sets {@link WriterSetting}, which the sync's
 * trigger honours.
 */
public final class OriginSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OriginSession.class);
  private static final int DEADLOCK_RETRIES = 5;

  /** Work in the session's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final PostgresConnector connector;
  private final String origin;
  private final boolean triggerCapture;
  private final Duration retryWait;
  private Connection connection;
  private volatile boolean closed;

  /**
   * @param origin the replication origin's name (sss_&lt;sync&gt;)
   * @param triggerCapture mark the writes with the writer setting instead of the origin
   * @param retryWait first wait before trying again while Postgres is away
   */
  public OriginSession(
      PostgresConnector connector, String origin, boolean triggerCapture, Duration retryWait) {
    this.connector = connector;
    this.origin = origin;
    this.triggerCapture = triggerCapture;
    this.retryWait = retryWait;
  }

  /** Creates the replication origin if it does not exist. */
  public static void ensureOrigin(Connection c, String origin) throws SQLException {
    if (originExists(c, origin)) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT pg_replication_origin_create(?)")) {
      s.setString(1, origin);
      s.execute();
    } catch (SQLException e) {
      // two runners creating it at once: the loser finds it there
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** Drops the replication origin if it exists (cleanup); returns whether it existed. */
  public static boolean dropOrigin(Connection c, String origin) throws SQLException {
    if (!originExists(c, origin)) {
      return false;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT pg_replication_origin_drop(?)")) {
      s.setString(1, origin);
      s.execute();
    }
    return true;
  }

  /** Reads the catalog, which every role may (unlike pg_replication_origin_oid()). */
  static boolean originExists(Connection c, String origin) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM pg_replication_origin WHERE roname = ?)")) {
      s.setString(1, origin);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Runs work in one transaction under the origin and commits. A deadlock with the application's
   * transactions is retried; any other failure rolls back, drops the connection (the next call
   * connects again) and is thrown.
   */
  public synchronized <T> T transaction(Work<T> work) throws SQLException {
    int deadlocks = 0;
    while (true) {
      Connection c = connection();
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))
            && ++deadlocks <= DEADLOCK_RETRIES) {
          log.debug("deadlock with another transaction; trying again ({})", deadlocks);
          continue;
        }
        if (!isDataError(e)) {
          dropConnection();
        }
        throw e;
      }
    }
  }

  /**
   * Runs work in one transaction, retrying (and reconnecting) while Postgres is unavailable, until
   * it succeeds or the session is closed.
   *
   * @throws InterruptedException interrupted or closed while waiting
   */
  public <T> T transactionWithRetry(String what, Work<T> work) throws InterruptedException {
    int attempt = 0;
    while (true) {
      try {
        return transaction(work);
      } catch (SQLException e) {
        attempt++;
        if (closed) {
          throw new InterruptedException("stopped before it could " + what);
        }
        log.warn("cannot {} (attempt {}): {}; retrying", what, attempt, connector.safeMessage(e));
        Thread.sleep(Math.min(retryWait.toMillis() * attempt, 30_000));
      }
    }
  }

  /** A failure caused by a value (class 22) or a constraint (class 23), not by the connection. */
  static boolean isDataError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private Connection connection() throws SQLException {
    if (closed) {
      throw new SQLException("the origin session is closed");
    }
    if (connection != null && !connection.isClosed()) {
      return connection;
    }
    Connection c = connector.connect();
    try {
      if (triggerCapture) {
        markWrites(c);
        connection = c;
        return c;
      }
      ensureOrigin(c, origin);
      try (PreparedStatement s =
          c.prepareStatement("SELECT pg_replication_origin_session_setup(?)")) {
        s.setString(1, origin);
        s.execute();
      } catch (SQLException e) {
        if ("55006".equals(e.getSQLState())) {
          throw new SQLException(
              "replication origin "
                  + origin
                  + " is in use by another session (another runner of this sync?): "
                  + connector.safeMessage(e),
              e.getSQLState(),
              e);
        }
        throw e;
      }
      c.setAutoCommit(false);
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException closeFailure) {
        log.debug("closing a connection that failed to set up: {}", closeFailure.getMessage());
      }
      throw e;
    }
    connection = c;
    return c;
  }

  /** Sets the writer setting for the session, so the sync's trigger records nothing it writes. */
  private void markWrites(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, false)")) {
      s.setString(1, WriterSetting.NAME);
      s.setString(2, origin);
      s.execute();
    }
    c.setAutoCommit(false);
  }

  private void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed: {}", connector.safeMessage(e));
      dropConnection();
    }
  }

  private void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the origin session: {}", connector.safeMessage(e));
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      dropConnection();
    }
  }
}

package io.serversidesync.runner.engine;

import io.serversidesync.runner.capture.PostgresConnector;
import java.sql.Connection;
import java.sql.SQLException;

/** Closing connections that are given up on anyway. */
final class Connections {

  private Connections() {}

  /** Closes {@code c} if there is one; a failure to close only matters for debugging. */
  static void closeQuietly(Connection c, PostgresConnector connector) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        EngineLog.LOG.debug("closing a connection: {}", connector.safeMessage(e));
      }
    }
  }
}

package io.serversidesync.runner.pg;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing connections that are given up on anyway. */
public final class Connections {

  private static final Logger log = LoggerFactory.getLogger(Connections.class);

  private Connections() {}

  /** Closes {@code c} if there is one; a failure to close only matters for debugging. */
  public static void closeQuietly(Connection c, PostgresConnector connector) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("closing a connection: {}", connector.safeMessage(e));
      }
    }
  }
}

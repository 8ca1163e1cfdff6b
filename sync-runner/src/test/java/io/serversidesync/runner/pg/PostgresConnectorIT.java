package io.serversidesync.runner.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the runner's connections let through into exception messages, and so into logs. */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PostgresConnectorIT {

  private static final String EMAIL = "ada.lovelace@example.com";

  /**
   * A failed batch insert (the errors table's, the two-way writes') names the statement and the
   * constraint, never the row's values: neither the server's DETAIL nor the batch entry's
   * parameters.
   */
  @Test
  void driverMessagesCarryNoRowValues(PostgresDatabase db) throws Exception {
    db.execute(
        "CREATE TABLE people (email text CHECK (email NOT LIKE '%example.com'), name text UNIQUE)");
    PostgresConnector connector =
        new PostgresConnector(
            new PostgresSettings(
                db.host(), db.port(), db.name(), db.user(), db.password(), SslMode.DISABLE, null),
            "test");
    try (Connection c = connector.connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO people VALUES (?, ?)")) {
      insert.setString(1, EMAIL);
      insert.setString(2, "Ada Lovelace");
      insert.addBatch();
      SQLException e = catchThrowableOfType(SQLException.class, insert::executeBatch);
      assertThat(e.getSQLState()).isEqualTo("23514");
      assertThat(messages(e)).contains("people_email_check").doesNotContain(EMAIL, "Ada Lovelace");
    }
  }

  /** The message of the exception and of every exception chained to it. */
  private static String messages(SQLException e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
      all.append(next.getMessage()).append('\n');
    }
    return all.toString();
  }
}

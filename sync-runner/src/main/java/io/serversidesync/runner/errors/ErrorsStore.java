package io.serversidesync.runner.errors;

import io.serversidesync.api.runner.RunnerReasons;
import io.serversidesync.api.v1alpha1.Phase;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.SourceFailure;
import io.serversidesync.runner.status.RunnerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's use of serversidesync.errors: records and resolves on its own connection, retrying
 * until Postgres answers (a checkpoint must not pass an error that was not recorded), and keeps the
 * unresolved keys in memory so a successful write costs a query only when it resolves something.
 */
public final class ErrorsStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ErrorsStore.class);

  /** Work on the table that may be retried. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final PostgresConnector connector;
  private final ErrorsTable table;
  private final Duration retryWait;
  private final RunnerState state;
  private final RecordErrorLog errorLog = new RecordErrorLog(Clock.systemUTC());
  private boolean blocking;
  private final Set<String> unresolved = new HashSet<>();
  private Connection connection;

  /**
   * @param state where a table the runner cannot write shows: not ready, with the reason and the
   *     grant that fixes it (records are not confirmed until their errors are recorded, so the
   *     stream waits; the status must say why)
   */
  public ErrorsStore(
      PostgresConnector connector, String sync, Duration retryWait, RunnerState state) {
    this.connector = connector;
    this.table = new ErrorsTable(sync);
    this.retryWait = retryWait;
    this.state = state;
  }

  public ErrorsTable table() {
    return table;
  }

  /** Creates the table if needed and loads the unresolved keys. */
  public synchronized void open() throws InterruptedException {
    List<String> keys =
        withRetry(
            "load unresolved errors",
            c -> {
              ErrorsTable.create(c);
              return table.unresolvedKeys(c);
            });
    unresolved.clear();
    unresolved.addAll(keys);
  }

  /**
   * Records entries; returns once they are stored.
   *
   * @return how many are errors for a person: not records that wait for their parent and will be
   *     tried again on their own
   */
  public synchronized int record(List<ErrorEntry> entries) throws InterruptedException {
    if (entries.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now();
    int forAPerson =
        withRetry(
            "record " + entries.size() + " record error(s)", c -> table.record(c, entries, now));
    for (ErrorEntry e : entries) {
      if (e.upsertKey() != null) {
        unresolved.add(e.upsertKey());
      }
    }
    errorLog.recorded(entries);
    return forAPerson;
  }

  /** Resolves the unresolved rows of those keys that were written successfully. */
  public synchronized void resolve(Collection<String> writtenKeys) throws InterruptedException {
    if (unresolved.isEmpty()) {
      return;
    }
    List<String> toResolve = new ArrayList<>();
    for (String key : writtenKeys) {
      if (unresolved.contains(key)) {
        toResolve.add(key);
      }
    }
    if (toResolve.isEmpty()) {
      return;
    }
    withRetry("resolve " + toResolve.size() + " error(s)", c -> table.resolve(c, toResolve));
    toResolve.forEach(unresolved::remove);
  }

  /**
   * Runs work once; on failure logs and returns null. For work that may simply be tried again later
   * (polling), so the capture thread never waits for Postgres to come back.
   */
  public synchronized <T> T tryOnce(String what, Work<T> work) {
    try {
      if (connection == null || connection.isClosed()) {
        connection = connector.connect();
      }
      return work.run(connection);
    } catch (SQLException e) {
      closeQuietly();
      log.warn(
          "cannot {} in serversidesync.errors: {}; trying later", what, connector.safeMessage(e));
      return null;
    }
  }

  /** Runs work on the errors connection, reconnecting and retrying while Postgres is away. */
  public synchronized <T> T withRetry(String what, Work<T> work) throws InterruptedException {
    int attempt = 0;
    while (true) {
      try {
        if (connection == null || connection.isClosed()) {
          connection = connector.connect();
        }
        T result = work.run(connection);
        if (blocking) {
          blocking = false;
          Phase phase = state.currentPhase();
          state.phase(phase, true, phase.name(), "recording record errors again");
        }
        return result;
      } catch (SQLException e) {
        attempt++;
        closeQuietly();
        SourceFailure failure =
            SourceFailure.of("cannot " + what + " in serversidesync.errors on", e, connector);
        String message =
            RunnerReasons.INSUFFICIENT_PRIVILEGE.equals(failure.reason())
                ? failure.message()
                    + "; the stream waits until it can: GRANT SELECT, INSERT, UPDATE ON"
                    + " serversidesync.errors TO "
                    + connector.settings().user()
                    + "; GRANT USAGE ON SEQUENCE serversidesync.errors_id_seq TO "
                    + connector.settings().user()
                : failure.message() + "; the stream waits until it can";
        blocking = true;
        state.phase(state.currentPhase(), false, failure.reason(), message);
        log.warn("{} (attempt {}); retrying", message, attempt);
        Thread.sleep(Math.min(retryWait.toMillis() * attempt, 30_000));
      }
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the errors connection failed: {}", connector.safeMessage(e));
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}

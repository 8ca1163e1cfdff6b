package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.deliver.CutListener;
import io.serversidesync.runner.pg.Lsn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the forward direction must send again (a conflict either side won, a send that raced a
 * reverse write), persisted in serversidesync.synced_versions so a restart keeps them. The capture
 * thread re-reads such a row once it has read the WAL past the request, so no change captured
 * before it can overwrite what it sends; the request is cleared when the cut carrying the row is
 * delivered. Used by the capture thread, except {@link #signal}.
 */
public final class ResendQueue implements CutListener {

  private static final Logger log = LoggerFactory.getLogger(ResendQueue.class);

  /**
   * Re-reads the rows of these keys and queues them (deletes for rows that are gone, if deletes are
   * sent); returns the keys queued.
   */
  @FunctionalInterface
  public interface Requeue {
    Set<String> requeue(Connection c, List<String> keys, long position) throws SQLException;
  }

  private final VersionsTable versions;
  private final OriginSession session;
  private volatile boolean signalled = true;
  private final Set<String> pending = new LinkedHashSet<>();
  private long pendingPosition;
  private List<String> inFlight = List.of();
  private long inFlightPosition;

  public ResendQueue(VersionsTable versions, OriginSession session) {
    this.versions = versions;
    this.session = session;
  }

  /** Some key was asked to be sent again (any thread). */
  public void signal() {
    signalled = true;
  }

  /**
   * Queues the keys whose requests the capture side has read past (one try; on failure the next
   * call tries again).
   *
   * @param position how far the capture side has read the WAL: every transaction committed before
   *     it was decoded
   */
  public void poll(long position, Requeue requeue) {
    if (!signalled) {
      return;
    }
    signalled = false;
    try {
      // through the origin session: no reverse write runs between reading these rows and stamping
      // them with the position, so a row read here holds every reverse write below the position
      session.transaction(
          c -> {
            List<String> due = new ArrayList<>(versions.resendsDue(c, position));
            due.removeAll(pending);
            due.removeAll(inFlight);
            if (!due.isEmpty()) {
              Set<String> queued = requeue.requeue(c, due, position);
              pending.addAll(queued);
              pendingPosition = position;
              // nothing to send for the others (row gone, deletes not sent): done
              List<String> nothing = due.stream().filter(k -> !queued.contains(k)).toList();
              versions.resent(c, nothing, position);
              log.info(
                  "sending {} key(s) again so the destination ends with the row's current values",
                  queued.size());
            }
            if (versions.anyResend(c)) {
              signalled = true;
            }
            return null;
          });
    } catch (SQLException e) {
      signalled = true;
      log.warn("cannot look for keys to send again: {}; trying later", e.getMessage());
    }
  }

  /** The pending changes were cut: the queued keys travel with that cut. */
  @Override
  public void cut() {
    inFlight = new ArrayList<>(pending);
    inFlightPosition = pendingPosition;
    pending.clear();
  }

  /** The cut was delivered: its keys' requests are done. */
  @Override
  public void delivered() {
    if (inFlight.isEmpty()) {
      return;
    }
    List<String> keys = inFlight;
    long position = inFlightPosition;
    inFlight = List.of();
    try {
      session.transaction(
          c -> {
            versions.resent(c, keys, position);
            return null;
          });
    } catch (SQLException e) {
      // the keys are sent once more later: harmless
      signalled = true;
      log.warn(
          "cannot clear {} resend request(s) up to {}: {}",
          keys.size(),
          Lsn.format(position),
          e.getMessage());
    }
  }
}

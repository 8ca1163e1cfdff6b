package io.serversidesync.runner.reverse.store;

import io.serversidesync.runner.pg.PostgresConnector;
import java.time.Duration;

/**
 * What two-way sync keeps in Postgres, and the origin-tagged session that writes it: the synced
 * versions, the reverse high-water mark, the runner's own recent writes (to recognise their echo)
 * and the keys to send again. One per sync, shared by the reverse loop and the forward side.
 *
 * @param session the connection whose writes carry the sync's replication origin
 * @param versions serversidesync.synced_versions
 * @param stateTable serversidesync.reverse_state
 * @param recent the runner's writes not yet confirmed past in the slot
 * @param resends the keys to send again
 */
public record ReverseStore(
    OriginSession session,
    VersionsTable versions,
    ReverseStateTable stateTable,
    RecentReverseWrites recent,
    ResendQueue resends) {

  /**
   * The store of sync {@code name}, writing through {@code connector} as origin {@code origin}, or
   * with the writer setting set to it when {@code triggerCapture}.
   */
  public static ReverseStore open(
      PostgresConnector connector,
      String name,
      String origin,
      boolean triggerCapture,
      Duration retryWait) {
    OriginSession session = new OriginSession(connector, origin, triggerCapture, retryWait);
    VersionsTable versions = new VersionsTable(name);
    return new ReverseStore(
        session,
        versions,
        new ReverseStateTable(name),
        new RecentReverseWrites(),
        new ResendQueue(versions, session));
  }
}

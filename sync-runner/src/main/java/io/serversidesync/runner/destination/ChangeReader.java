package io.serversidesync.runner.destination;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads destination-side changes back for two-way sync. Implementations are thread-safe and send
 * their requests through the same rate limiter, daily budget and telemetry as writes, so reading
 * back spends from the same allocation.
 */
public interface ChangeReader {

  /**
   * Reads records changed after {@code after}, oldest first in {@link ChangeCursor#ORDER}.
   *
   * @param after the high-water mark; {@link ChangeCursor#START} reads every record
   * @param continuation null to start a new read, or the {@link ChangePage#continuation()} of the
   *     previous page of the same read
   * @param pageSize how many records a page should hold at most; the destination returns fewer when
   *     that is more than it returns per page (Integer.MAX_VALUE: as many as it returns)
   * @throws DestinationException as for writes; a continuation the destination no longer knows is
   *     TRANSIENT (start a new read from the last persisted mark)
   */
  ChangePage read(ChangeCursor after, String continuation, int pageSize)
      throws DestinationException;

  /**
   * Reads records deleted since {@code from}, if the destination can tell at this time.
   *
   * @param from start of the window (inclusive)
   * @param now the caller's current time; the window ends at or before it
   * @return empty when the window is still too short for the destination to answer (Salesforce
   *     covers whole minutes)
   */
  Optional<DeletionPage> deletions(Instant from, Instant now) throws DestinationException;
}

package io.serversidesync.runner.destination;

import java.time.Instant;
import java.util.List;

/**
 * Records deleted in the destination within a time window.
 *
 * @param records the deleted records
 * @param coveredUntil the end of the window the destination vouches for; the next read starts there
 */
public record DeletionPage(List<DeletedRecord> records, Instant coveredUntil) {

  public DeletionPage {
    records = List.copyOf(records);
  }
}

package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangedRecord;
import java.time.Instant;
import java.util.List;

/**
 * How far the reverse read may move its high-water mark over a page.
 *
 * @param cursor the mark
 * @param held whether the mark is held back before a record to read again next poll
 */
public record HighWaterMark(ChangeCursor cursor, boolean held) {

  /**
   * Moves past the page's records in order, up to the first that must be read again: one read out
   * of date, or one too young to have settled.
   *
   * @param settledBefore records modified before this are settled
   */
  public HighWaterMark advance(
      List<ChangedRecord> records, PageDecisions decisions, Instant settledBefore) {
    ChangeCursor next = cursor;
    boolean holding = held;
    for (ChangedRecord r : records) {
      if (holding) {
        break;
      }
      Decision d = r.externalId() == null ? null : decisions.of(r.externalId());
      if ((d != null && d.verdict() == Verdict.STALE) || !r.modifiedAt().isBefore(settledBefore)) {
        // re-read from here next poll: an out-of-date read then shows the destination's newer
        // version, and a young record may still change within its second or commit late
        holding = true;
      } else {
        next = ChangeCursor.of(r);
      }
    }
    return new HighWaterMark(next, holding);
  }
}

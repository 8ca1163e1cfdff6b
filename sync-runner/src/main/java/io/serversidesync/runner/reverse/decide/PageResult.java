package io.serversidesync.runner.reverse.decide;

import io.serversidesync.runner.destination.ChangeCursor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What applying one page did.
 *
 * @param read records in the page, less those read and decided on before (while they settle)
 * @param verdicts records per verdict
 * @param skipped records not applied per reason
 * @param skipExamples one example per skip reason (native id and detail) for the log
 * @param conflicts the conflicts, for the log
 * @param written keys whose rows were written with destination values (or deleted), with the WAL
 *     position of that write
 * @param idsWritten rows whose destination-id column was filled or changed
 * @param resendRequested whether some key must be sent forward again
 * @param cursor the high-water mark now saved
 * @param held whether the mark is held back before an out-of-date record (re-read next poll)
 */
public record PageResult(
    int read,
    EnumMap<Verdict, Integer> verdicts,
    EnumMap<Skip, Integer> skipped,
    Map<Skip, String> skipExamples,
    List<ConflictNote> conflicts,
    Map<String, Long> written,
    int idsWritten,
    boolean resendRequested,
    ChangeCursor cursor,
    boolean held) {

  public int count(Verdict verdict) {
    return verdicts.getOrDefault(verdict, 0);
  }

  /** Rows inserted, updated or deleted with the destination's values. */
  public int applied() {
    return written.size();
  }
}

package io.serversidesync.runner.destination.salesforce.bulk;

import java.time.Duration;

/**
 * When to ask Salesforce about a closed job: every poll is an API call, so the schedule aims at the
 * moment the job ends instead of sampling it at a fixed rhythm.
 *
 * <ul>
 *   <li>The first poll waits for the job's records at an assumed processing rate (at least
 *       firstPoll, at most longestPoll): a 100,000-record job is not asked about after one second.
 *   <li>Once Salesforce reports progress (numberRecordsProcessed), the next poll comes when the job
 *       should end at the rate seen so far, with a margin.
 *   <li>Without progress (queued, or a server that does not report it) the waits grow by
 *       pollGrowth, as before.
 * </ul>
 *
 * <p>The assumed rate is a guess, not a documented figure: Salesforce does not publish its
 * processing rate, which depends on the object's automation. 5,000 records/s errs on the side of
 * polling early; the progress-based poll corrects it.
 */
final class PollSchedule {

  static final double ASSUMED_RECORDS_PER_SECOND = 5_000;

  /** The extrapolated end is pushed back by this share, so that one poll usually finds it done. */
  static final double MARGIN = 0.15;

  private final BulkSettings settings;

  PollSchedule(BulkSettings settings) {
    this.settings = settings;
  }

  /** The wait before the first poll of a job of {@code records} records. */
  Duration first(long records) {
    return clamp(Duration.ofMillis((long) (records * 1000 / ASSUMED_RECORDS_PER_SECOND)));
  }

  /**
   * The wait before the next poll.
   *
   * @param previous the wait before the poll just made
   * @param elapsed time since the job was closed
   * @param processed numberRecordsProcessed of that poll (-1 when absent)
   * @param records the records of the job
   */
  Duration next(Duration previous, Duration elapsed, long processed, long records) {
    if (processed <= 0 || processed >= records || elapsed.isZero() || elapsed.isNegative()) {
      return settings.next(previous);
    }
    double remaining = elapsed.toMillis() * (double) (records - processed) / processed;
    return clamp(Duration.ofMillis((long) (remaining * (1 + MARGIN))));
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(settings.firstPoll()) < 0) {
      return settings.firstPoll();
    }
    return wait.compareTo(settings.longestPoll()) > 0 ? settings.longestPoll() : wait;
  }
}

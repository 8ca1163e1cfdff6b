package io.serversidesync.runner.destination.salesforce.bulk;

import java.time.Duration;

/**
 * How bulk jobs are sized and watched.
 *
 * @param firstPoll wait after UploadComplete before the first state poll
 * @param pollGrowth factor by which each further wait grows
 * @param longestPoll cap on the wait between polls
 * @param maxWait how long a job may take before it is aborted (its unprocessed records are handed
 *     back for retry)
 * @param maxRecordsPerJob records per job
 * @param maxBytesPerJob raw CSV bytes per job (Salesforce takes 150 MB after base64, i.e. about 100
 *     MB raw)
 * @param attempts tries of each idempotent request (poll, close, results) before the job is given
 *     up as failed
 */
public record BulkSettings(
    Duration firstPoll,
    double pollGrowth,
    Duration longestPoll,
    Duration maxWait,
    int maxRecordsPerJob,
    long maxBytesPerJob,
    int attempts) {

  public static final BulkSettings DEFAULT =
      new BulkSettings(
          Duration.ofSeconds(1),
          1.5,
          Duration.ofSeconds(30),
          Duration.ofMinutes(30),
          1_000_000,
          100_000_000L,
          5);

  public BulkSettings {
    if (pollGrowth < 1) {
      throw new IllegalArgumentException("pollGrowth must be at least 1");
    }
    if (maxRecordsPerJob < 1 || maxBytesPerJob < 1 || attempts < 1) {
      throw new IllegalArgumentException("job limits and attempts must be positive");
    }
  }

  /** The waits before each poll until {@code elapsed} is covered: how many polls a job needs. */
  public int pollsFor(Duration processing) {
    Duration waited = Duration.ZERO;
    Duration wait = firstPoll;
    int polls = 0;
    while (true) {
      waited = waited.plus(wait);
      polls++;
      if (waited.compareTo(processing) >= 0 || waited.compareTo(maxWait) >= 0) {
        return polls;
      }
      wait = next(wait);
    }
  }

  /** The wait after {@code wait}: grown by pollGrowth, at most longestPoll. */
  public Duration next(Duration wait) {
    Duration grown = Duration.ofNanos((long) (wait.toNanos() * pollGrowth));
    return grown.compareTo(longestPoll) > 0 ? longestPoll : grown;
  }

  public BulkSettings withFirstPoll(Duration first, Duration longest) {
    return new BulkSettings(
        first, pollGrowth, longest, maxWait, maxRecordsPerJob, maxBytesPerJob, attempts);
  }
}

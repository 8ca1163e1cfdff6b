package io.serversidesync.runner.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether most records fail, sustained over a window: a mapping the destination cannot take (a text
 * column mapped to a date field) fails every record while the stream itself is healthy, and the
 * resource must not look Ready meanwhile. Counts are kept in ten-second buckets over the last five
 * minutes; at least {@link #MIN_ERRORS} errors making up at least half of the records are
 * sustained.
 */
final class RecordErrorRate {

  static final Duration WINDOW = Duration.ofMinutes(5);
  static final int MIN_ERRORS = 20;
  private static final long BUCKET_SECONDS = 10;
  private static final int BUCKETS = (int) (WINDOW.toSeconds() / BUCKET_SECONDS);

  private final long[] written = new long[BUCKETS];
  private final long[] failed = new long[BUCKETS];
  private final long[] bucketOf = new long[BUCKETS];

  synchronized void written(long n, Instant now) {
    written[slot(now)] += n;
  }

  synchronized void failed(long n, Instant now) {
    failed[slot(now)] += n;
  }

  /** The status message when most records of the window failed; empty otherwise. */
  synchronized Optional<String> sustained(Instant now) {
    long bucket = now.getEpochSecond() / BUCKET_SECONDS;
    long ok = 0;
    long bad = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (bucket - bucketOf[i] < BUCKETS) {
        ok += written[i];
        bad += failed[i];
      }
    }
    if (bad < MIN_ERRORS || bad < ok) {
      return Optional.empty();
    }
    return Optional.of(
        bad
            + " of "
            + (ok + bad)
            + " records in the last "
            + WINDOW.toMinutes()
            + " minutes failed in the destination; their errors are in serversidesync.errors"
            + " (sync-runner errors list): fix the mapping or the data, then replay them");
  }

  /** The bucket of {@code now}, emptied first when it last held an older ten seconds. */
  private int slot(Instant now) {
    long bucket = now.getEpochSecond() / BUCKET_SECONDS;
    int i = (int) (bucket % BUCKETS);
    if (bucketOf[i] != bucket) {
      bucketOf[i] = bucket;
      written[i] = 0;
      failed[i] = 0;
    }
    return i;
  }
}

package io.serversidesync.runner.status;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The progress line of a long read (an initial snapshot, a catch-up after downtime): at most one
 * per interval, with the rate since the previous line, so an operator watching the logs of a
 * million-row snapshot sees it move without a line per batch.
 */
public final class ProgressLog {

  private static final double MIB = 1024.0 * 1024.0;

  private final Duration every;
  private final Clock clock;
  private long lastMillis = -1;
  private long lastCount;

  public ProgressLog(Duration every, Clock clock) {
    this.every = every;
    this.clock = clock;
  }

  /** The snapshot's line, when one is due: rows read of Postgres's estimate (negative: none). */
  public Optional<String> snapshot(long read, long estimated) {
    return due(read)
        .map(
            rate ->
                String.format(
                    Locale.ROOT,
                    "initial snapshot: %,d rows read%s, %,.0f rows/s",
                    read,
                    estimated > 0
                        ? String.format(
                            Locale.ROOT,
                            " of about %,d (%.0f%%)",
                            estimated,
                            Math.min(100.0, 100.0 * read / estimated))
                        : " (no estimate: the table was never analyzed)",
                    rate));
  }

  /** The catch-up's line, when one is due: WAL bytes read since the start and still to read. */
  public Optional<String> catchUp(long readBytes, long remainingBytes) {
    return due(readBytes)
        .map(
            rate ->
                String.format(
                    Locale.ROOT,
                    "catching up: %.1f MiB of WAL written while the runner was away still to read,"
                        + " %.1f MiB/s",
                    remainingBytes / MIB,
                    rate / MIB));
  }

  /** The rate per second since the last line, if a line is due; the first call only starts. */
  private Optional<Double> due(long count) {
    long now = clock.millis();
    if (lastMillis < 0) {
      lastMillis = now;
      lastCount = count;
      return Optional.empty();
    }
    long elapsed = now - lastMillis;
    if (elapsed < every.toMillis()) {
      return Optional.empty();
    }
    double rate = (count - lastCount) * 1000.0 / elapsed;
    lastMillis = now;
    lastCount = count;
    return Optional.of(rate);
  }
}

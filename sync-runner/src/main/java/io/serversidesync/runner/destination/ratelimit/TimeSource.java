package io.serversidesync.runner.destination.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock the limiter (and everything that waits on it) reads and sleeps on. Tests inject a
 * manual one so waits take no real time.
 */
public interface TimeSource {

  /** The current instant; never goes backwards. */
  Instant now();

  /** Blocks for {@code duration} (no-op when zero or negative). */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Wall-clock start, advanced by {@link System#nanoTime()} so that a clock adjustment never makes
   * time run backwards for the token bucket.
   */
  TimeSource SYSTEM =
      new TimeSource() {
        private final Instant base = Instant.now();
        private final long baseNanos = System.nanoTime();

        @Override
        public Instant now() {
          return base.plusNanos(System.nanoTime() - baseNanos);
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
          }
        }
      };
}

package io.serversidesync.runner.deliver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: attempt n waits a random time in [initial·2ⁿ/2,
 * initial·2ⁿ], never more than {@code max}.
 *
 * @param initial wait after the first failure
 * @param max cap of any wait
 * @param maxRecordAttempts tries of a record with a retryable outcome before it goes to the errors
 *     table
 * @param credentialsRetry wait between tries while the destination rejects the credentials
 */
public record RetryPolicy(
    Duration initial, Duration max, int maxRecordAttempts, Duration credentialsRetry) {

  /**
   * Waits of at most 30 s: with a one-minute cap, a runner that reached its ninth retry during a
   * long outage came back about a minute after the destination did (bounded chaos with triggers).
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 10, Duration.ofSeconds(30));

  /** The wait before retry number {@code attempt} (1 = first retry). */
  public Duration backoff(int attempt) {
    long cap = max.toMillis();
    long base = initial.toMillis() << Math.min(attempt - 1, 20);
    long ceiling = Math.min(cap, Math.max(1, base));
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
  }
}

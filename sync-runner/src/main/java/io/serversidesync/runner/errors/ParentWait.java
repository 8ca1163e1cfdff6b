package io.serversidesync.runner.errors;

import java.time.Duration;
import java.time.Instant;

/**
 * When a record waiting for its parent is tried again: 2 s after the first failure, doubling up to
 * 2 minutes, the last try at the end of the window, then never on its own (an error row like any
 * other, until {@code errors replay}). The window starts at the first failure and is kept across
 * tries, so a parent that never arrives costs a bounded number of calls.
 */
public final class ParentWait {

  static final Duration FIRST = Duration.ofSeconds(2);
  static final Duration LONGEST = Duration.ofMinutes(2);

  /**
   * The decision for one failed try.
   *
   * @param retryAt when to try again, or null when the window is over
   * @param retryUntil the end of the window
   */
  public record Next(Instant retryAt, Instant retryUntil) {
    public boolean givenUp() {
      return retryAt == null;
    }
  }

  private ParentWait() {}

  /**
   * @param windowEnd the end of the window set by an earlier try of the same wait, or null on the
   *     first failure
   * @param tries failed tries so far, this one included
   * @param window the lookup's waitForParent
   * @param now the time of this failure
   */
  public static Next next(Instant windowEnd, int tries, Duration window, Instant now) {
    Instant until = windowEnd != null ? windowEnd : now.plus(window);
    if (!now.isBefore(until)) {
      return new Next(null, until);
    }
    Duration delay = FIRST.multipliedBy(1L << Math.min(Math.max(tries - 1, 0), 16));
    if (delay.compareTo(LONGEST) > 0) {
      delay = LONGEST;
    }
    Instant at = now.plus(delay);
    return new Next(at.isAfter(until) ? until : at, until);
  }
}

package io.serversidesync.runner.destination.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * Paces requests to a steady rate with a burst of one second's worth. A request that finds the
 * bucket empty reserves the next token anyway (the level goes negative) and is told how long to
 * wait, so concurrent callers queue fairly instead of polling.
 */
final class TokenBucket {

  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private Instant refilledAt;

  TokenBucket(double requestsPerSecond, Instant start) {
    this.tokensPerNano = requestsPerSecond / 1e9;
    this.capacity = Math.max(1, requestsPerSecond);
    this.tokens = capacity;
    this.refilledAt = start;
  }

  /** Takes one token and returns how long the caller must wait before sending. */
  synchronized Duration reserve(Instant now) {
    if (now.isAfter(refilledAt)) {
      long elapsed = Duration.between(refilledAt, now).toNanos();
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      refilledAt = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }
}

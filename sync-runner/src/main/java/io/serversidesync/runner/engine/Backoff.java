package io.serversidesync.runner.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts to reach Postgres: doubling from the initial wait up to the longest, with
 * jitter over the upper half so that many runners do not knock at once.
 */
final class Backoff {

  private final EngineOptions options;

  Backoff(EngineOptions options) {
    this.options = options;
  }

  Duration after(int attempt) {
    long base = options.reconnectInitial().toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(base, options.reconnectMax().toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}

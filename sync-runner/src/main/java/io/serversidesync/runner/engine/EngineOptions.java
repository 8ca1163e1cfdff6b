package io.serversidesync.runner.engine;

import io.serversidesync.runner.deliver.RetryPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * Timings of the engine that are not part of the manifest (tests shorten them).
 *
 * @param statusInterval how often the slot hears from the runner at least
 * @param retry destination retry policy
 * @param reconnectInitial first wait before reconnecting to Postgres
 * @param reconnectMax longest wait between reconnect attempts
 * @param replayPollInterval how often the runner looks for requested error replays
 * @param batchesPerFlush a flush is due once maxRecords × this many keys are pending
 * @param clock wall-clock time of two-way sync (when reads begin, forward writes are recorded, the
 *     window of destination deletions); tests move it
 */
public record EngineOptions(
    Duration statusInterval,
    RetryPolicy retry,
    Duration reconnectInitial,
    Duration reconnectMax,
    Duration replayPollInterval,
    int batchesPerFlush,
    Clock clock) {

  public EngineOptions(
      Duration statusInterval,
      RetryPolicy retry,
      Duration reconnectInitial,
      Duration reconnectMax,
      Duration replayPollInterval,
      int batchesPerFlush) {
    this(
        statusInterval,
        retry,
        reconnectInitial,
        reconnectMax,
        replayPollInterval,
        batchesPerFlush,
        Clock.systemUTC());
  }

  public static final EngineOptions DEFAULT =
      new EngineOptions(
          Duration.ofSeconds(10),
          RetryPolicy.DEFAULT,
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          10);

  public EngineOptions withRetry(RetryPolicy retry) {
    return new EngineOptions(
        statusInterval,
        retry,
        reconnectInitial,
        reconnectMax,
        replayPollInterval,
        batchesPerFlush,
        clock);
  }

  public EngineOptions withClock(Clock wallClock) {
    return new EngineOptions(
        statusInterval,
        retry,
        reconnectInitial,
        reconnectMax,
        replayPollInterval,
        batchesPerFlush,
        wallClock);
  }
}

package io.serversidesync.runner.engine;

import java.time.Duration;

/**
 * Error replays asked for while running (a new value of the replay-errors annotation) and the
 * periodic look for replays requested in the errors table; acted on by the capture thread.
 */
final class ReplayRequests {

  private final Duration pollInterval;
  private volatile String requested;
  private long lastPoll;

  ReplayRequests(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** Called from any thread; acted on at the next poll, once per value. */
  void request(String value) {
    requested = value;
  }

  /** When a poll is due: acknowledges a new request and queues what replays ask for. */
  void poll(long now, ErrorReplays replays) throws InterruptedException {
    if (now - lastPoll > pollInterval.toNanos()) {
      lastPoll = now;
      String value = requested;
      if (value != null) {
        requested = null;
        replays.acknowledge(value);
      }
      replays.poll();
    }
  }
}

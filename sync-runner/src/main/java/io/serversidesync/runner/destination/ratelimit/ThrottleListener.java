package io.serversidesync.runner.destination.ratelimit;

import java.time.Instant;

/** Told when requests start waiting on a limit longer than normal pacing, and when they go on. */
public interface ThrottleListener {

  /**
   * Requests wait until about {@code until}.
   *
   * @param why what is spent, for the user (e.g. the daily budget and its numbers)
   */
  void throttled(Instant until, String why);

  /** Requests flow again after {@link #throttled}. */
  void resumed();

  ThrottleListener NONE =
      new ThrottleListener() {
        @Override
        public void throttled(Instant until, String why) {}

        @Override
        public void resumed() {}
      };
}

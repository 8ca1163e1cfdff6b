package io.serversidesync.sandbox.hubspot.limits;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Counts calls over a rolling window of the sandbox clock. Thread-safe. */
public final class RollingWindow {
  private final long windowMillis;
  private final Deque<Long> calls = new ArrayDeque<>();

  public RollingWindow(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** Counts a call at {@code now}; returns the calls in the window, this one included. */
  public synchronized int record(Instant now) {
    prune(now);
    calls.addLast(now.toEpochMilli());
    return calls.size();
  }

  /** The calls in the window ending at {@code now}. */
  public synchronized int count(Instant now) {
    prune(now);
    return calls.size();
  }

  public synchronized void clear() {
    calls.clear();
  }

  private void prune(Instant now) {
    long oldest = now.toEpochMilli() - windowMillis;
    while (!calls.isEmpty() && calls.peekFirst() <= oldest) {
      calls.removeFirst();
    }
  }
}

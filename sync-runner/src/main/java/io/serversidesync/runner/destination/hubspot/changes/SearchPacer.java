package io.serversidesync.runner.destination.hubspot.changes;

import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Keeps the reader's searches within HubSpot's search limit (5 per second, counted over a rolling
 * second), on top of the sync's shared rate limiter that every HubSpot request goes through.
 *
 * <p>A token bucket does not fit: one refilling 5 per second with a burst of 5 lets 5 searches go
 * at once and a sixth 200 ms later, 6 within one rolling second. So this counts searches instead: a
 * search may start when fewer than {@code perWindow} searches are in flight or finished within the
 * last {@code window}. A search counts from its start until {@code window} after its answer came
 * back, which HubSpot received before that: however long the shared limiter held a request back or
 * the network delayed it, HubSpot never sees more than {@code perWindow} in any rolling window.
 */
final class SearchPacer {

  /** HubSpot's rolling window plus a margin for the two clocks' resolution. */
  static final Duration WINDOW = Duration.ofMillis(1_050);

  private final int perWindow;
  private final Duration window;
  private final TimeSource time;
  private final Object lock = new Object();
  private final ArrayDeque<Instant> finished = new ArrayDeque<>();
  private int inFlight;

  SearchPacer(int perWindow, Duration window, TimeSource time) {
    if (perWindow < 1) {
      throw new IllegalArgumentException("searches per second must be positive: " + perWindow);
    }
    this.perWindow = perWindow;
    this.window = window;
    this.time = time;
  }

  /** One search's place in the window; close it when the answer (or the failure) is in. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits until a search may start, and counts it. */
  Slot acquire() throws InterruptedException {
    while (true) {
      Duration wait;
      synchronized (lock) {
        Instant now = time.now();
        while (!finished.isEmpty() && !finished.peekFirst().plus(window).isAfter(now)) {
          finished.pollFirst();
        }
        if (finished.size() + inFlight < perWindow) {
          inFlight++;
          return this::finish;
        }
        if (finished.isEmpty()) {
          // every place is taken by a search still waiting for its answer
          lock.wait();
          continue;
        }
        wait = Duration.between(now, finished.peekFirst().plus(window));
      }
      time.sleep(wait);
    }
  }

  private void finish() {
    synchronized (lock) {
      inFlight--;
      finished.addLast(time.now());
      lock.notifyAll();
    }
  }
}

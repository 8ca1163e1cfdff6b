package io.serversidesync.runner.engine;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The request to stop the engine, and the waits that such a request cuts short. */
final class StopSignal {

  private volatile boolean requested;
  private volatile Thread captureThread;

  /** The thread to wake when a stop is requested (it parks between reads). */
  void bind(Thread thread) {
    captureThread = thread;
  }

  void request() {
    requested = true;
    Thread t = captureThread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  boolean requested() {
    return requested;
  }

  /** Sleeps, waking early when a stop is requested. */
  void sleep(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!requested) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, 50_000_000));
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting");
      }
    }
  }
}

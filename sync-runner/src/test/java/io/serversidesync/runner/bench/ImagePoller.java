package io.serversidesync.runner.bench;

import io.serversidesync.sandbox.Sandbox;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads every Contact in the sandbox over and over while a delivery runs and counts the records
 * whose FirstName is not the committed one: a record showing an image that only existed inside a
 * transaction. Each record seen wrong once is counted once per poll.
 */
final class ImagePoller implements AutoCloseable {

  private static final long POLL_INTERVAL_NANOS = 20_000_000;

  private final Sandbox sandbox;
  private final String committedFirstName;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Thread thread;
  private volatile long polls;
  private volatile long recordsSeen;
  private volatile long wrongImages;
  private volatile RuntimeException failure;

  ImagePoller(Sandbox sandbox, String committedFirstName) {
    this.sandbox = sandbox;
    this.committedFirstName = committedFirstName;
    this.thread = new Thread(this::loop, "image-poller");
    thread.setDaemon(true);
  }

  void start() {
    running.set(true);
    thread.start();
  }

  /** Stops polling after one last full poll. */
  void finish() throws InterruptedException {
    running.set(false);
    thread.join();
    if (failure != null) {
      throw failure;
    }
    poll();
  }

  long polls() {
    return polls;
  }

  long recordsSeen() {
    return recordsSeen;
  }

  long wrongImages() {
    return wrongImages;
  }

  private void loop() {
    try {
      while (running.get()) {
        poll();
        // Paced so that the poller does not take a core from the runner: an image a cut sent
        // stays until the next cut replaces it, seconds later.
        LockSupport.parkNanos(POLL_INTERVAL_NANOS);
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void poll() {
    long wrong = 0;
    long seen = 0;
    for (Map<String, Object> record : sandbox.records("Contact")) {
      seen++;
      if (!committedFirstName.equals(record.get("FirstName"))) {
        wrong++;
      }
    }
    polls++;
    recordsSeen += seen;
    wrongImages += wrong;
  }

  /** Stops polling without waiting (after a failure elsewhere); the thread ends after its poll. */
  @Override
  public void close() {
    running.set(false);
  }
}

package io.serversidesync.runner.destination.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A clock for tests: sleeping advances it at once and is recorded. */
public final class ManualTime implements TimeSource {

  private final AtomicReference<Instant> now;
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  public ManualTime(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public ManualTime() {
    this(Instant.parse("2026-01-05T10:00:00Z"));
  }

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    sleeps.add(duration);
    now.updateAndGet(t -> t.plus(duration));
  }

  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Every sleep so far, in order. */
  public List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  public Duration slept() {
    return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
  }
}

package io.serversidesync.sandbox.quota;

import io.serversidesync.sandbox.store.SandboxClock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * An allocation over a rolling 24-hour window, counted in one-minute buckets on the sandbox clock,
 * plus a settable amount used by "other clients" of the org.
 */
public final class RollingAllocation {
  private static final long WINDOW_MINUTES = Duration.ofHours(24).toMinutes();

  private final SandboxClock clock;
  private final TreeMap<Long, Long> buckets = new TreeMap<>();
  private long limit;
  private long otherUsage;

  public RollingAllocation(SandboxClock clock, long limit, long otherUsage) {
    this.clock = clock;
    this.limit = limit;
    this.otherUsage = otherUsage;
  }

  /** Consumes {@code n} units if the allocation is not spent yet; false when it is. */
  public synchronized boolean tryConsume(long n) {
    if (used() >= limit) {
      return false;
    }
    consume(n);
    return true;
  }

  /** Consumes without checking (usage may exceed the limit, as Salesforce's does). */
  public synchronized void consume(long n) {
    long minute = clock.now().getEpochSecond() / 60;
    buckets.merge(minute, n, Long::sum);
  }

  public synchronized long used() {
    long nowMinute = clock.now().getEpochSecond() / 60;
    Iterator<Map.Entry<Long, Long>> it = buckets.entrySet().iterator();
    long sum = 0;
    while (it.hasNext()) {
      Map.Entry<Long, Long> e = it.next();
      if (e.getKey() <= nowMinute - WINDOW_MINUTES) {
        it.remove();
      } else if (e.getKey() <= nowMinute) {
        sum += e.getValue();
      }
    }
    return otherUsage + sum;
  }

  public synchronized long limit() {
    return limit;
  }

  public synchronized long remaining() {
    return Math.max(0, limit - used());
  }

  public synchronized long otherUsage() {
    return otherUsage;
  }

  public synchronized void setLimit(long limit) {
    this.limit = limit;
  }

  public synchronized void setOtherUsage(long otherUsage) {
    this.otherUsage = otherUsage;
  }

  /** Forgets this sandbox's own usage (other clients' usage stays as set). */
  public synchronized void clear() {
    buckets.clear();
  }
}

package io.serversidesync.runner.destination.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * The one gate every destination HTTP request of a sync passes, whatever the delivery path: at most
 * {@code maxConcurrent} in flight, paced by a token bucket, within the daily budget, and not before
 * a pause the destination asked for (Retry-After, rate-limit errors) has passed.
 *
 * <p>Requests wait rather than fail, so nothing is dropped. Waiting on the daily budget or a pause
 * is reported to the {@link ThrottleListener} (the runner shows phase Throttled); pacing by the
 * token bucket is normal operation and is not.
 */
public final class RateLimiter implements AutoCloseable {

  private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
  private static final Duration BACKOFF_MAX = Duration.ofMinutes(1);

  private final RateLimitSettings settings;
  private final TimeSource time;
  private final ThrottleListener listener;
  private final Semaphore inFlight;
  private final TokenBucket bucket;
  private final DailyBudget budget;

  private Instant pausedUntil = Instant.MIN;
  private String pauseReason = "";
  private int consecutiveBackoffs;
  private DailyBudget.Block reported;
  private volatile boolean closed;

  public RateLimiter(RateLimitSettings settings, TimeSource time, ThrottleListener listener) {
    this.settings = settings;
    this.time = time;
    this.listener = listener;
    this.inFlight = new Semaphore(settings.maxConcurrent(), true);
    this.bucket = new TokenBucket(settings.requestsPerSecond(), time.now());
    this.budget = new DailyBudget(settings.dailyQuotaShare(), settings.probeInterval());
  }

  /** Permission to send one request; close it when the response has been read. */
  public static final class Permit implements AutoCloseable {
    private final Semaphore semaphore;
    private boolean released;

    private Permit(Semaphore semaphore) {
      this.semaphore = semaphore;
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        semaphore.release();
      }
    }
  }

  /**
   * Waits until one more request may be sent and counts it against the budget.
   *
   * @throws InterruptedException when the thread is interrupted or the limiter is closed while
   *     waiting
   */
  public Permit acquire() throws InterruptedException {
    ensureOpen();
    inFlight.acquire();
    boolean granted = false;
    try {
      waitForBudget();
      time.sleep(bucket.reserve(time.now()));
      ensureOpen();
      budget.record(time.now());
      resumeIfClear();
      granted = true;
      return new Permit(inFlight);
    } finally {
      if (!granted) {
        inFlight.release();
      }
    }
  }

  /**
   * Takes in the org-wide usage a response reported (Salesforce: {@code Sforce-Limit-Info:
   * api-usage=used/max}).
   */
  public void observeUsage(long used, long max) {
    budget.observe(used, max, time.now());
    // A probe's answer may show capacity is back before any request waits again.
    resumeIfClear();
  }

  /**
   * The destination refused a request because the org's daily allocation is spent.
   *
   * @return when the next request (a probe) goes out
   */
  public Instant orgAllocationSpent() {
    Instant now = time.now();
    budget.markOrgSpent(now);
    DailyBudget.Block block = budget.check(now);
    if (block == null) {
      // Spent this very moment and probing is due: the next request is the probe.
      return now;
    }
    report(block);
    return block.until();
  }

  /**
   * Holds every request until {@code until} (the destination said when: Retry-After).
   *
   * @return the instant requests resume (a longer pause already in force wins)
   */
  public Instant pauseUntil(Instant until, String why) {
    DailyBudget.Block block;
    synchronized (this) {
      if (until.isAfter(pausedUntil)) {
        pausedUntil = until;
        pauseReason = why;
      }
      block = new DailyBudget.Block(pausedUntil, pauseReason);
    }
    report(block);
    return block.until();
  }

  /**
   * Holds every request for a growing while (the destination asked to slow down without saying how
   * long: 1 s, 2 s, 4 s … up to a minute). {@link #succeeded()} starts the growth over.
   */
  public Instant backOff(String why) {
    Duration wait;
    synchronized (this) {
      int exponent = Math.min(consecutiveBackoffs++, 16);
      wait = BACKOFF_INITIAL.multipliedBy(1L << exponent);
      if (wait.compareTo(BACKOFF_MAX) > 0) {
        wait = BACKOFF_MAX;
      }
    }
    return pauseUntil(time.now().plus(wait), why);
  }

  /** A request got through: the next {@link #backOff} starts from the shortest wait again. */
  public synchronized void succeeded() {
    consecutiveBackoffs = 0;
  }

  /** Requests this sync made in the last 24 hours (as counted here). */
  public long dailyUsage() {
    return budget.ownUsage(time.now());
  }

  /** This sync's share of the allocation, or -1 until the destination has reported it. */
  public long dailyLimit() {
    return budget.ownLimit();
  }

  /** Wakes every waiter with an InterruptedException; later acquires fail at once. */
  @Override
  public void close() {
    closed = true;
  }

  private void waitForBudget() throws InterruptedException {
    while (true) {
      ensureOpen();
      Instant now = time.now();
      DailyBudget.Block block = blockAt(now);
      if (block == null) {
        break;
      }
      report(block);
      Duration left = Duration.between(now, block.until());
      time.sleep(
          left.compareTo(settings.recheckInterval()) < 0 ? left : settings.recheckInterval());
    }
  }

  private DailyBudget.Block blockAt(Instant now) {
    synchronized (this) {
      if (now.isBefore(pausedUntil)) {
        return new DailyBudget.Block(pausedUntil, pauseReason);
      }
    }
    return budget.check(now);
  }

  private void report(DailyBudget.Block block) {
    synchronized (this) {
      if (block.equals(reported)) {
        return;
      }
      reported = block;
    }
    listener.throttled(block.until(), block.why());
  }

  /**
   * Reports the end of throttling once a request went out and the next one would not wait (a probe
   * request while the org's allocation is spent does not end it).
   */
  private void resumeIfClear() {
    synchronized (this) {
      if (reported == null) {
        return;
      }
    }
    if (blockAt(time.now()) != null) {
      return;
    }
    synchronized (this) {
      if (reported == null) {
        return;
      }
      reported = null;
    }
    listener.resumed();
  }

  private void ensureOpen() throws InterruptedException {
    if (closed) {
      throw new InterruptedException("the rate limiter was closed");
    }
  }
}

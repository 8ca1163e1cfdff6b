package io.serversidesync.runner.destination.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final ManualTime time = new ManualTime();
  private final RecordingThrottleListener listener = new RecordingThrottleListener();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private RateLimiter limiter(double rps, int concurrent, double share) {
    return new RateLimiter(
        new RateLimitSettings(rps, concurrent, share, Duration.ofMinutes(5), Duration.ofMinutes(1)),
        time,
        listener);
  }

  @Test
  void pacesRequestsToTheConfiguredRateWithoutReportingThrottling() throws Exception {
    RateLimiter limiter = limiter(5, 10, 1.0);
    Instant start = time.now();
    for (int i = 0; i < 15; i++) {
      limiter.acquire().close();
    }
    // 5 at once (the burst), then 10 more at 5/s.
    assertThat(Duration.between(start, time.now())).isEqualTo(Duration.ofSeconds(2));
    assertThat(listener.events()).isEmpty();
  }

  @Test
  void whenTheShareIsSpentRequestsWaitAndTheWaitIsReportedThenTheyGoOn() throws Exception {
    RateLimiter limiter = limiter(1000, 10, 0.1);
    limiter.observeUsage(0, 100); // share: 10 requests per 24 h
    for (int i = 0; i < 10; i++) {
      limiter.acquire().close();
    }
    Instant spentAt = time.now();
    limiter.acquire().close(); // the 11th: waits for the window to roll
    assertThat(Duration.between(spentAt, time.now()))
        .isGreaterThan(Duration.ofHours(23))
        .isLessThanOrEqualTo(Duration.ofHours(24));
    assertThat(listener.events()).hasSize(2);
    assertThat(listener.events().get(0)).startsWith("throttled");
    assertThat(listener.events().get(1)).isEqualTo("resumed");
    assertThat(listener.lastWhy()).contains("daily API budget spent");
    assertThat(limiter.dailyUsage()).isEqualTo(1);
  }

  @Test
  void aPauseAskedByTheServerHoldsEveryRequestUntilItEnds() throws Exception {
    RateLimiter limiter = limiter(1000, 10, 1.0);
    Instant until = time.now().plusSeconds(30);
    assertThat(limiter.pauseUntil(until, "HTTP 429")).isEqualTo(until);
    assertThat(listener.events()).containsExactly("throttled " + until);
    // A shorter pause does not cut the longer one short.
    assertThat(limiter.pauseUntil(time.now().plusSeconds(5), "other")).isEqualTo(until);

    limiter.acquire().close();
    assertThat(time.now()).isEqualTo(until);
    assertThat(listener.events()).containsExactly("throttled " + until, "resumed");
  }

  @Test
  void backoffWithoutRetryAfterGrowsAndStartsOverAfterASuccess() {
    RateLimiter limiter = limiter(1000, 10, 1.0);
    Instant t = time.now();
    assertThat(limiter.backOff("busy")).isEqualTo(t.plusSeconds(1));
    assertThat(limiter.backOff("busy")).isEqualTo(t.plusSeconds(2));
    assertThat(limiter.backOff("busy")).isEqualTo(t.plusSeconds(4));
    limiter.succeeded();
    time.advance(Duration.ofSeconds(10));
    assertThat(limiter.backOff("busy")).isEqualTo(time.now().plusSeconds(1));
  }

  @Test
  void whileTheOrgAllocationIsSpentOneProbeGoesOutPerIntervalAndAFreshFigureEndsTheWait()
      throws Exception {
    RateLimiter limiter = limiter(1000, 10, 1.0);
    Instant refusedAt = time.now();
    Instant until = limiter.orgAllocationSpent();
    assertThat(until).isEqualTo(refusedAt.plus(Duration.ofMinutes(5)));
    limiter.acquire().close(); // the probe, after the interval
    assertThat(time.now()).isEqualTo(until);
    assertThat(listener.events()).as("a probe does not end throttling").hasSize(1);

    limiter.observeUsage(90, 100); // the probe's answer: capacity is back
    limiter.acquire().close();
    assertThat(listener.events()).last().isEqualTo("resumed");
  }

  @Test
  void noMoreThanMaxConcurrentRequestsAreInFlight() throws Exception {
    RateLimiter limiter = limiter(1000, 2, 1.0);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    List<RateLimiter.Permit> held = new ArrayList<>();
    held.add(limiter.acquire());
    held.add(limiter.acquire());
    Future<?> third =
        threads.submit(
            () -> {
              RateLimiter.Permit permit = limiter.acquire();
              highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              inFlight.decrementAndGet();
              permit.close();
              return null;
            });
    // The third waits while two permits are held …
    assertThatThrownBy(() -> third.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    held.get(0).close();
    held.get(0).close(); // closing twice releases once
    // … and goes when one is returned.
    await().atMost(Duration.ofSeconds(5)).until(third::isDone);
    third.get();
    held.get(1).close();
    assertThat(highest.get()).isEqualTo(1);
    // Both permits are free again: two acquires do not block.
    limiter.acquire().close();
    limiter.acquire().close();
  }

  @Test
  void closingWakesWaitersWithAnInterruption() throws Exception {
    RateLimiter limiter =
        new RateLimiter(
            new RateLimitSettings(1000, 1, 1.0, Duration.ofMinutes(5), Duration.ofSeconds(1)),
            TimeSource.SYSTEM,
            listener);
    limiter.pauseUntil(Instant.now().plus(Duration.ofHours(1)), "test");
    Future<?> waiter =
        threads.submit(
            () -> {
              limiter.acquire().close();
              return null;
            });
    limiter.close();
    await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
    assertThatThrownBy(waiter::get).hasCauseInstanceOf(InterruptedException.class);
    assertThatThrownBy(limiter::acquire).isInstanceOf(InterruptedException.class);
  }
}

package io.serversidesync.sandbox.hubspot.limits;

import io.serversidesync.sandbox.faults.RateLimitPolicy;
import io.serversidesync.sandbox.store.SandboxClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * HubSpot's limits for one private app in one account: {@code burst} requests per rolling 10 s,
 * {@code dailyLimit} requests per account day and, for the search endpoints, 5 requests per rolling
 * second. Every request counts once, refused ones too. Searches count toward the daily limit and
 * not toward the 10 s burst (our choice: HubSpot documents search's own per-second limit only).
 */
public final class HubSpotRateLimiter {
  /** HubSpot's documented search limit per second. */
  public static final int SEARCHES_PER_SECOND = 5;

  private final SandboxClock clock;
  private final int burst;
  private final RollingWindow burstWindow = new RollingWindow(RateLimitState.INTERVAL_MILLIS);
  private final RollingWindow searchWindow = new RollingWindow(1_000);
  private final DailyQuota daily;

  public HubSpotRateLimiter(SandboxClock clock, int burst, long dailyLimit, ZoneId zone) {
    this.clock = clock;
    this.burst = burst;
    this.daily = new DailyQuota(zone, dailyLimit);
  }

  /** Counts a non-search call. */
  public synchronized RateLimitVerdict countCall() {
    Instant now = clock.now();
    long dailyUsed = daily.record(now);
    int inWindow = burstWindow.record(now);
    RateLimitState state = state(inWindow, dailyUsed);
    if (dailyUsed > daily.limit()) {
      return new RateLimitVerdict(Optional.of(RateLimitPolicy.DAILY), state);
    }
    if (inWindow > burst) {
      return new RateLimitVerdict(Optional.of(RateLimitPolicy.TEN_SECONDLY_ROLLING), state);
    }
    return new RateLimitVerdict(Optional.empty(), state);
  }

  /** Counts a search call. */
  public synchronized RateLimitVerdict countSearch() {
    Instant now = clock.now();
    long dailyUsed = daily.record(now);
    int searches = searchWindow.record(now);
    RateLimitState state = state(burstWindow.count(now), dailyUsed);
    if (dailyUsed > daily.limit()) {
      return new RateLimitVerdict(Optional.of(RateLimitPolicy.DAILY), state);
    }
    if (searches > SEARCHES_PER_SECOND) {
      return new RateLimitVerdict(Optional.of(RateLimitPolicy.SECONDLY), state);
    }
    return new RateLimitVerdict(Optional.empty(), state);
  }

  /** The limits now, without counting a call. */
  public synchronized RateLimitState state() {
    Instant now = clock.now();
    return state(burstWindow.count(now), daily.used(now));
  }

  public synchronized long dailyUsed() {
    return daily.used(clock.now());
  }

  public synchronized void setDailyUsed(long used) {
    daily.setUsed(clock.now(), used);
  }

  public ZoneId zone() {
    return daily.zone();
  }

  public synchronized void clear() {
    burstWindow.clear();
    searchWindow.clear();
    daily.clear();
  }

  private RateLimitState state(int inWindow, long dailyUsed) {
    return new RateLimitState(
        burst,
        Math.max(0, burst - inWindow),
        daily.limit(),
        Math.max(0, daily.limit() - dailyUsed));
  }
}

package io.serversidesync.sandbox.faults;

import java.util.Optional;
import java.util.Random;

/** Draws the faults described by the current {@link FaultSettings}. Thread-safe. */
public final class FaultInjector {
  private FaultSettings settings;
  private Random random;
  private int burstRemaining;
  private long authenticatedCalls;

  public FaultInjector(FaultSettings settings) {
    update(settings);
  }

  public synchronized FaultSettings settings() {
    return settings;
  }

  /** Replaces the settings and reseeds the generator; a running 429 burst ends. */
  public synchronized void update(FaultSettings newSettings) {
    this.settings = newSettings;
    this.random = new Random(newSettings.seed());
    this.burstRemaining = 0;
    this.authenticatedCalls = 0;
  }

  /** The next {@code calls} data API calls are answered with 429. */
  public synchronized void startRateLimitBurst(int calls) {
    burstRemaining = calls;
  }

  /** Decides whether this data API call is answered with an injected 5xx or 429. */
  public synchronized Optional<InjectedFault> beforeDataCall() {
    if (burstRemaining > 0) {
      burstRemaining--;
      return Optional.of(InjectedFault.RATE_LIMITED);
    }
    if (settings.rateLimitBurstRate() > 0
        && settings.rateLimitBurstCalls() > 0
        && random.nextDouble() < settings.rateLimitBurstRate()) {
      burstRemaining = settings.rateLimitBurstCalls() - 1;
      return Optional.of(InjectedFault.RATE_LIMITED);
    }
    if (settings.serverErrorRate() > 0 && random.nextDouble() < settings.serverErrorRate()) {
      if (random.nextDouble() < settings.htmlErrorShare()) {
        return Optional.of(InjectedFault.SERVICE_UNAVAILABLE_HTML);
      }
      return Optional.of(
          random.nextBoolean()
              ? InjectedFault.SERVICE_UNAVAILABLE_JSON
              : InjectedFault.INTERNAL_ERROR);
    }
    return Optional.empty();
  }

  /**
   * Decides whether the answer to a successful write is replaced by a 5xx (the write stays done).
   */
  public synchronized Optional<InjectedFault> afterWrite() {
    if (settings.serverErrorAfterWriteRate() > 0
        && random.nextDouble() < settings.serverErrorAfterWriteRate()) {
      return Optional.of(
          random.nextDouble() < settings.htmlErrorShare()
              ? InjectedFault.SERVICE_UNAVAILABLE_HTML
              : InjectedFault.INTERNAL_ERROR);
    }
    return Optional.empty();
  }

  /** Counts a call that presented a valid token; true when this call must find it expired. */
  public synchronized boolean tokenExpiresNow() {
    if (settings.tokenExpiryEveryCalls() <= 0) {
      return false;
    }
    authenticatedCalls++;
    return authenticatedCalls % settings.tokenExpiryEveryCalls() == 0;
  }

  /** Whether one record fails with UNABLE_TO_LOCK_ROW. */
  public synchronized boolean lockRowFails() {
    return settings.lockRowRate() > 0 && random.nextDouble() < settings.lockRowRate();
  }

  /** The delay to add to this call. */
  public synchronized long latencyMillis() {
    long jitter =
        settings.latencyJitterMillis() > 0
            ? (long) (random.nextDouble() * (settings.latencyJitterMillis() + 1))
            : 0;
    return settings.latencyMillis() + jitter;
  }

  public synchronized int retryAfterSeconds() {
    return settings.retryAfterSeconds();
  }
}

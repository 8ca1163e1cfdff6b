package io.serversidesync.sandbox.faults;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the sandbox does wrong on purpose. Rates are fractions between 0 and 1, drawn from one
 * random generator seeded with {@code seed}, so a test that makes the same calls in the same order
 * sees the same faults.
 *
 * @param seed seed of the random generator (changing the settings reseeds it)
 * @param serverErrorRate fraction of data API calls answered with a 5xx before doing anything
 * @param serverErrorAfterWriteRate fraction of successful writes (POST, PATCH, PUT, DELETE) whose
 *     answer is replaced by a 5xx although the write happened, as when a gateway times out
 * @param htmlErrorShare fraction of injected 5xx that are 503 maintenance pages in HTML
 * @param rateLimitBurstRate probability that a data API call starts a burst of 429 answers
 * @param rateLimitBurstCalls how many consecutive calls a burst answers with 429
 * @param retryAfterSeconds the Retry-After header value sent with 429
 * @param lockRowRate fraction of records that fail with UNABLE_TO_LOCK_ROW
 * @param tokenExpiryEveryCalls every N-th authenticated call finds all access tokens expired (0 =
 *     never)
 * @param latencyMillis delay added before answering each data API and token call
 * @param latencyJitterMillis random extra delay, uniformly 0..this
 * @param rateLimitPolicy the HubSpot {@code policyName} of injected 429 answers to HubSpot calls
 *     (Salesforce calls ignore it); null means {@link RateLimitPolicy#TEN_SECONDLY_ROLLING}
 */
public record FaultSettings(
    @JsonProperty("seed") long seed,
    @JsonProperty("serverErrorRate") double serverErrorRate,
    @JsonProperty("serverErrorAfterWriteRate") double serverErrorAfterWriteRate,
    @JsonProperty("htmlErrorShare") double htmlErrorShare,
    @JsonProperty("rateLimitBurstRate") double rateLimitBurstRate,
    @JsonProperty("rateLimitBurstCalls") int rateLimitBurstCalls,
    @JsonProperty("retryAfterSeconds") int retryAfterSeconds,
    @JsonProperty("lockRowRate") double lockRowRate,
    @JsonProperty("tokenExpiryEveryCalls") int tokenExpiryEveryCalls,
    @JsonProperty("latencyMillis") long latencyMillis,
    @JsonProperty("latencyJitterMillis") long latencyJitterMillis,
    @JsonProperty("rateLimitPolicy") RateLimitPolicy rateLimitPolicy) {

  public FaultSettings {
    rate("serverErrorRate", serverErrorRate);
    rate("serverErrorAfterWriteRate", serverErrorAfterWriteRate);
    rate("htmlErrorShare", htmlErrorShare);
    rate("rateLimitBurstRate", rateLimitBurstRate);
    rate("lockRowRate", lockRowRate);
    nonNegative("rateLimitBurstCalls", rateLimitBurstCalls);
    nonNegative("retryAfterSeconds", retryAfterSeconds);
    nonNegative("tokenExpiryEveryCalls", tokenExpiryEveryCalls);
    nonNegative("latencyMillis", latencyMillis);
    nonNegative("latencyJitterMillis", latencyJitterMillis);
    if (rateLimitPolicy == null) {
      rateLimitPolicy = RateLimitPolicy.TEN_SECONDLY_ROLLING;
    }
  }

  /** No faults; 429 bursts (when enabled) last 3 calls and ask for a 1 s wait. */
  public static FaultSettings none() {
    return new FaultSettings(
        1L, 0, 0, 0.5, 0, 3, 1, 0, 0, 0, 0, RateLimitPolicy.TEN_SECONDLY_ROLLING);
  }

  public FaultSettings withSeed(long v) {
    return new FaultSettings(
        v,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withServerErrorRate(double v) {
    return new FaultSettings(
        seed,
        v,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withServerErrorAfterWriteRate(double v) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        v,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withHtmlErrorShare(double v) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        v,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withRateLimitBursts(double rate, int calls, int retryAfter) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rate,
        calls,
        retryAfter,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withLockRowRate(double v) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        v,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withTokenExpiryEveryCalls(int v) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        v,
        latencyMillis,
        latencyJitterMillis,
        rateLimitPolicy);
  }

  public FaultSettings withLatency(long millis, long jitterMillis) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        millis,
        jitterMillis,
        rateLimitPolicy);
  }

  /** The {@code policyName} of injected 429 answers to HubSpot calls. */
  public FaultSettings withRateLimitPolicy(RateLimitPolicy v) {
    return new FaultSettings(
        seed,
        serverErrorRate,
        serverErrorAfterWriteRate,
        htmlErrorShare,
        rateLimitBurstRate,
        rateLimitBurstCalls,
        retryAfterSeconds,
        lockRowRate,
        tokenExpiryEveryCalls,
        latencyMillis,
        latencyJitterMillis,
        v);
  }

  private static void rate(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + v);
    }
  }

  private static void nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    }
  }
}

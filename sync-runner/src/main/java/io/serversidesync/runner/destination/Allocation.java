package io.serversidesync.runner.destination;

/**
 * The destination's API allocation as it reports it (Salesforce: DailyApiRequests of /limits), and
 * the part of it this sync may spend.
 *
 * @param name what the destination calls it, e.g. DailyApiRequests
 * @param max the allocation per day, shared by every integration of the org or account
 * @param used what all integrations used of it in the current day (rolling or calendar)
 * @param syncShare the fraction (0, 1] of {@code max} this sync may spend
 *     (spec.rateLimit.dailyQuotaShare); beyond it the destination's limiter holds requests back
 */
public record Allocation(String name, long max, long used, double syncShare) {

  public Allocation {
    if (max <= 0) {
      throw new IllegalArgumentException("an allocation must be positive, not " + max);
    }
    if (!(syncShare > 0 && syncShare <= 1)) {
      throw new IllegalArgumentException("syncShare must be in (0, 1], not " + syncShare);
    }
  }

  /** The most calls per day this sync may make before its limiter throttles it. */
  public long syncLimit() {
    return (long) Math.floor(syncShare * max);
  }
}

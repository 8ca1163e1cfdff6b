package io.serversidesync.sandbox.quota;

import io.serversidesync.sandbox.store.SandboxClock;

/**
 * The org's daily API request allocation (reported in {@code Sforce-Limit-Info} and {@code
 * /limits}) and the Bulk API batch allocation (15,000 per rolling 24 h, shared with Bulk 1.0).
 */
public final class ApiUsage {
  public static final long BULK_BATCH_LIMIT = 15_000;

  private final RollingAllocation requests;
  private final RollingAllocation bulkBatches;
  private final boolean countTokenRequests;

  public ApiUsage(
      SandboxClock clock, long dailyLimit, long otherUsage, boolean countTokenRequests) {
    this.requests = new RollingAllocation(clock, dailyLimit, otherUsage);
    this.bulkBatches = new RollingAllocation(clock, BULK_BATCH_LIMIT, 0);
    this.countTokenRequests = countTokenRequests;
  }

  public RollingAllocation requests() {
    return requests;
  }

  public RollingAllocation bulkBatches() {
    return bulkBatches;
  }

  public boolean countTokenRequests() {
    return countTokenRequests;
  }

  /** The {@code Sforce-Limit-Info} header value. */
  public String limitInfoHeader() {
    return "api-usage=" + requests.used() + "/" + requests.limit();
  }

  public void clear() {
    requests.clear();
    bulkBatches.clear();
  }
}

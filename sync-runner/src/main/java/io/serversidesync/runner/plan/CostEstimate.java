package io.serversidesync.runner.plan;

import java.util.Optional;

/**
 * What a sync will cost in destination API calls, as {@link CostModel} estimates it.
 *
 * @param initialLoad the snapshot's delivery
 * @param steady the streaming cost per day
 * @param pollingCallsPerDay two-way's polls per day, or 0 for a one-way sync
 * @param quota the allocation it is measured against, when the destination reported one
 */
public record CostEstimate(
    InitialLoad initialLoad, SteadyState steady, long pollingCallsPerDay, Optional<Quota> quota) {

  /**
   * @param rows rows read
   * @param flushes flushes of up to the flush size
   * @param path the path the flushes take (e.g. collections or bulk)
   * @param calls API calls of the whole load
   */
  public record InitialLoad(long rows, long flushes, String path, long calls) {}

  /**
   * @param changesPerDay changes captured per day
   * @param changesPerFlush changes a flush window gathers on average
   * @param keysPerFlush distinct keys a flush sends on average
   * @param flushesPerDay flushes per day
   * @param path the path a flush of that size takes
   * @param writeCallsPerDay API calls per day of the flushes
   */
  public record SteadyState(
      long changesPerDay,
      double changesPerFlush,
      double keysPerFlush,
      double flushesPerDay,
      String path,
      long writeCallsPerDay) {}

  /**
   * @param name the allocation's name, e.g. DailyApiRequests
   * @param max the allocation per day
   * @param used what every integration used of it so far
   * @param syncLimit the calls per day dailyQuotaShare lets this sync make
   * @param sharePercent calls per day as a percentage of the allocation
   * @param steadyThrottled the steady state needs more than the sync's share
   * @param initialLoadDays days the initial load takes at the sync's share (1 when it fits)
   */
  public record Quota(
      String name,
      long max,
      long used,
      long syncLimit,
      double sharePercent,
      boolean steadyThrottled,
      long initialLoadDays) {

    /** Whether dailyQuotaShare holds the sync back, in the steady state or the initial load. */
    public boolean throttled() {
      return steadyThrottled || initialLoadDays > 1;
    }
  }

  /** Steady-state API calls per day: the flushes and two-way's polls. */
  public long callsPerDay() {
    return steady.writeCallsPerDay() + pollingCallsPerDay;
  }
}

package io.serversidesync.runner.plan;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.DeliveryPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Estimates a sync's API calls from a {@link Workload}, with the runner's own rules: the flush size
 * of {@link FlushPolicy}, the path {@link DeliveryPlanner} would choose and the request size it
 * cuts, and the destination's paths and polling cost (so another destination brings its own).
 *
 * <p>Initial load: the snapshot is cut every flush size rows; each flush takes the cheapest path
 * (one-way syncs: whatever its latency, as for any backlog).
 *
 * <p>Steady state: a flush window opens with a change and closes maxDelay later (or at the flush
 * size), so it gathers 1 + rate × maxDelay changes; changes falling uniformly on K keys leave K (1
 * − (1 − 1/K)^n) distinct keys out of n changes. Windows follow each other every maxDelay + 1/rate
 * seconds on average: rate / (1 + rate × maxDelay) windows per second. Upserts and deletes are
 * separate requests.
 */
public final class CostModel {

  private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private final SyncSettings settings;
  private final DeliveryPlanner planner;
  private final int flushKeys;
  private final long pollingCallsPerDay;

  /**
   * @param paths the destination's delivery paths
   * @param flushPolicy the runner's flush rule for these settings
   * @param pollingCallsPerDay the destination's idle-poll cost of two-way sync, 0 for one-way
   */
  public CostModel(
      SyncSettings settings,
      List<DeliveryPath> paths,
      FlushPolicy flushPolicy,
      long pollingCallsPerDay) {
    this.settings = settings;
    this.planner = new DeliveryPlanner(paths, settings.bulkThreshold());
    this.flushKeys = flushPolicy.flushKeys();
    this.pollingCallsPerDay = pollingCallsPerDay;
  }

  public CostEstimate estimate(Workload workload, Optional<Allocation> allocation) {
    CostEstimate.InitialLoad load = initialLoad(workload.rows());
    CostEstimate.SteadyState steady = steadyState(workload);
    long perDay = steady.writeCallsPerDay() + pollingCallsPerDay;
    return new CostEstimate(
        load, steady, pollingCallsPerDay, allocation.map(a -> quota(a, perDay, load.calls())));
  }

  private CostEstimate.InitialLoad initialLoad(long rows) {
    Duration budget = DeliveryPlanner.budget(true, settings);
    long full = rows / flushKeys;
    int rest = (int) (rows % flushKeys);
    DeliveryPath fullPath = planner.choose(flushKeys, budget);
    long calls = full * DeliveryPlanner.calls(fullPath, flushKeys, settings.maxRecords());
    String path = full > 0 ? fullPath.name() : "none";
    if (rest > 0) {
      DeliveryPath restPath = planner.choose(rest, budget);
      calls += DeliveryPlanner.calls(restPath, rest, settings.maxRecords());
      path = full == 0 ? restPath.name() : path;
      if (full > 0 && !restPath.equals(fullPath)) {
        path = fullPath.name() + " (the last flush: " + restPath.name() + ")";
      }
    }
    return new CostEstimate.InitialLoad(rows, full + (rest > 0 ? 1 : 0), path, calls);
  }

  private CostEstimate.SteadyState steadyState(Workload w) {
    double rate = w.changesPerSecond();
    double delay = settings.maxDelay().toNanos() / 1e9;
    double changes = 1 + rate * delay;
    double keys = distinct(w.keys(), changes);
    if (keys >= flushKeys && flushKeys < w.keys()) {
      // the flush size closes the window before maxDelay does
      changes = Math.log1p(-(double) flushKeys / w.keys()) / Math.log1p(-1.0 / w.keys());
      keys = flushKeys;
    }
    double windowsPerDay = rate == 0 ? 0 : rate / changes * SECONDS_PER_DAY;
    DeliveryPath path =
        planner.choose((int) Math.ceil(keys), DeliveryPlanner.budget(false, settings));
    double perWindow =
        calls(path, keys * (1 - w.deleteShare())) + calls(path, keys * w.deleteShare());
    return new CostEstimate.SteadyState(
        Math.round(rate * SECONDS_PER_DAY),
        changes,
        keys,
        windowsPerDay,
        path.name(),
        Math.round(windowsPerDay * perWindow));
  }

  /**
   * Expected calls for {@code records} records on average: below one record, the chance that the
   * window has one at all times the cost of one.
   */
  private double calls(DeliveryPath path, double records) {
    if (records <= 0) {
      return 0;
    }
    if (records < 1) {
      return records * DeliveryPlanner.calls(path, 1, settings.maxRecords());
    }
    return DeliveryPlanner.calls(path, (int) Math.ceil(records), settings.maxRecords());
  }

  /** Expected distinct keys among {@code changes} changes falling uniformly on {@code keys}. */
  static double distinct(long keys, double changes) {
    if (keys == 1) {
      return Math.min(1, changes);
    }
    return -keys * Math.expm1(changes * Math.log1p(-1.0 / keys));
  }

  private static CostEstimate.Quota quota(Allocation a, long perDay, long initialCalls) {
    long limit = a.syncLimit();
    return new CostEstimate.Quota(
        a.name(),
        a.max(),
        a.used(),
        limit,
        100.0 * perDay / a.max(),
        perDay > limit,
        limit <= 0 ? Long.MAX_VALUE : Math.max(1, (initialCalls + limit - 1) / limit));
  }
}

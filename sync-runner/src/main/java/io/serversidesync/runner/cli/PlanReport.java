package io.serversidesync.runner.cli;

import io.serversidesync.api.v1alpha1.PlanStatus;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.plan.CostEstimate;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** The plan as text for a person ({@code sync-runner plan}) and as status.plan for the operator. */
final class PlanReport {

  private PlanReport() {}

  static void print(PrintWriter out, SyncSettings settings, String destination, PlanRun.Result r) {
    CostEstimate e = r.estimate();
    CostEstimate.InitialLoad load = e.initialLoad();
    CostEstimate.SteadyState steady = e.steady();
    out.printf(
        Locale.ROOT,
        "Plan for %s: %s.%s → %s%n",
        settings.name(),
        settings.schema(),
        settings.table(),
        destination);
    out.printf(
        Locale.ROOT,
        "  source          %,d rows (pg_class.reltuples); %.2f changes/s %s; keys %,d%n",
        r.workload().rows(),
        r.workload().changesPerSecond(),
        r.rateSource(),
        r.workload().keys());
    out.printf(
        Locale.ROOT,
        "  initial load    %,d rows in %,d flush(es) → %s, %,d API calls%n",
        load.rows(),
        load.flushes(),
        load.path(),
        load.calls());
    out.printf(
        Locale.ROOT,
        "  steady state    %,d changes/day; a flush (maxDelay %s) gathers %.1f changes on %.1f"
            + " distinct keys → %s; %,.0f flushes/day, %,d API calls/day%n",
        steady.changesPerDay(),
        duration(settings),
        steady.changesPerFlush(),
        steady.keysPerFlush(),
        steady.path(),
        steady.flushesPerDay(),
        steady.writeCallsPerDay());
    if (settings.twoWay() != null) {
      out.printf(
          Locale.ROOT,
          "  two-way polls   every %ss: %,d API calls/day when the destination has no changes%n",
          settings.twoWay().pollInterval().toMillis() / 1000.0,
          e.pollingCallsPerDay());
    }
    out.printf(Locale.ROOT, "  total           %,d API calls/day%n", e.callsPerDay());
    if (e.quota().isEmpty()) {
      out.println("  allocation      not read (--no-limits)");
    } else {
      CostEstimate.Quota q = e.quota().get();
      out.printf(
          Locale.ROOT,
          "  allocation      %s %,d/day, %,d used now by all integrations; this sync: %.2f%%%n",
          q.name(),
          q.max(),
          q.used(),
          q.sharePercent());
      out.printf(Locale.ROOT, "  dailyQuotaShare %s%n", verdict(q, load.calls(), e.callsPerDay()));
    }
    out.flush();
  }

  static PlanStatus status(PlanRun.Result r, Instant now) {
    CostEstimate e = r.estimate();
    PlanStatus s = new PlanStatus();
    s.setEstimatedAt(now.toString());
    s.setRows(e.initialLoad().rows());
    s.setInitialLoadPath(e.initialLoad().path());
    s.setInitialLoadCalls(e.initialLoad().calls());
    s.setChangesPerDay(e.steady().changesPerDay());
    s.setKeysPerFlush(Math.round(e.steady().keysPerFlush() * 10) / 10.0);
    s.setSteadyPath(e.steady().path());
    s.setCallsPerDay(e.callsPerDay());
    s.setPollingCallsPerDay(e.pollingCallsPerDay() == 0 ? null : e.pollingCallsPerDay());
    e.quota()
        .ifPresent(
            q -> {
              s.setAllocation(q.max());
              s.setAllocationUsed(q.used());
              s.setShareOfAllocation(String.format(Locale.ROOT, "%.2f%%", q.sharePercent()));
              s.setThrottled(q.throttled());
            });
    s.setSummary(summary(e));
    return s;
  }

  /** One sentence for the status message and status.plan.summary. */
  static String summary(CostEstimate e) {
    String base =
        String.format(
            Locale.ROOT,
            "initial load %,d calls (%s), then %,d calls/day",
            e.initialLoad().calls(),
            e.initialLoad().path(),
            e.callsPerDay());
    return e.quota()
        .map(
            q ->
                base
                    + String.format(Locale.ROOT, " (%.2f%% of %s); ", q.sharePercent(), q.name())
                    + verdict(q, e.initialLoad().calls(), e.callsPerDay()))
        .orElse(base);
  }

  private static String verdict(CostEstimate.Quota q, long initialCalls, long perDay) {
    double sharePercent = 100.0 * q.syncLimit() / q.max();
    String share =
        String.format(
            Locale.ROOT, "%.0f%% = %,d calls/day", Math.floor(sharePercent), q.syncLimit());
    if (q.steadyThrottled()) {
      double needed = Math.ceil(100.0 * perDay / q.max());
      return share
          + ": THROTTLED, the steady state needs "
          + (needed > 100 ? "more than the whole allocation" : "at least " + (long) needed + "%")
          + "; raise spec.rateLimit.dailyQuotaShare, or lengthen spec.batching.maxDelay (two-way:"
          + " spec.twoWay.pollInterval)";
    }
    if (q.initialLoadDays() > 1) {
      return String.format(
          Locale.ROOT,
          "%s: the initial load (%,d calls) is throttled and takes about %,d days;"
              + " raise dailyQuotaShare for the load, or set spec.batching.bulkThreshold",
          share,
          initialCalls,
          q.initialLoadDays());
    }
    return share + ": not throttled";
  }

  private static String duration(SyncSettings settings) {
    long ms = settings.maxDelay().toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}

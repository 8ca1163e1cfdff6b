package io.serversidesync.runner.cli;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.engine.EngineOptions;
import io.serversidesync.runner.pg.PostgresConnector;
import io.serversidesync.runner.pg.TableStatistics;
import io.serversidesync.runner.plan.CostEstimate;
import io.serversidesync.runner.plan.CostModel;
import io.serversidesync.runner.plan.FlushPolicy;
import io.serversidesync.runner.plan.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Gathers what the cost model needs, read-only: the table's statistics (sampled twice for the
 * change rate unless one is given) and the destination's allocation. Creates no slot, publication
 * or table, and writes nothing to the destination.
 */
final class PlanRun {

  /**
   * @param sample how long the change counters are watched
   * @param rate changes per second given by the user, or null to sample
   * @param keys distinct keys the changes fall on, or null for the table's rows
   * @param readLimits whether to read the destination's allocation
   */
  record Options(Duration sample, Double rate, Long keys, boolean readLimits) {}

  /**
   * What the plan was based on.
   *
   * @param rateSource how the change rate was learnt, e.g. "sampled over 10 s: 123 changes"
   */
  record Result(
      Workload workload,
      String rateSource,
      Optional<Allocation> allocation,
      CostEstimate estimate) {}

  private final SyncSettings settings;
  private final Options options;

  PlanRun(SyncSettings settings, Options options) {
    this.settings = settings;
    this.options = options;
  }

  Result plan(Destination destination) throws UserFixable, InterruptedException {
    PostgresConnector connector = new PostgresConnector(settings.postgres(), "serversidesync-plan");
    Workload workload;
    String rateSource;
    try (Connection c = connector.connect()) {
      TableStatistics first = TableStatistics.read(c, settings.schema(), settings.table());
      long keys = options.keys() != null ? options.keys() : Math.max(1, first.rows());
      if (options.rate() != null) {
        workload = new Workload(first.rows(), options.rate(), keys, 0);
        rateSource = "given (--rate)";
      } else {
        long start = System.nanoTime();
        Thread.sleep(options.sample().toMillis());
        TableStatistics second = TableStatistics.read(c, settings.schema(), settings.table());
        double seconds = (System.nanoTime() - start) / 1e9;
        workload = sampled(first, second, seconds, keys);
        rateSource =
            String.format(
                "sampled from pg_stat_user_tables over %.0f s: %,d changes",
                seconds, second.changes() - first.changes());
      }
    } catch (TableStatistics.NotAnalysedException e) {
      throw new UserFixable(ExitCodes.PREFLIGHT_FAILED, "NoStatistics", e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserFixable(
          ExitCodes.FAILED,
          "SourceUnreadable",
          "cannot read the statistics of "
              + settings.schema()
              + "."
              + settings.table()
              + ": "
              + connector.safeMessage(e),
          e);
    }
    Optional<Allocation> allocation =
        options.readLimits() ? allocation(destination) : Optional.empty();
    FlushPolicy flush = new FlushPolicy(settings, EngineOptions.DEFAULT.batchesPerFlush());
    long polling =
        settings.twoWay() == null
            ? 0
            : destination.idlePollCallsPerDay(settings.twoWay().pollInterval());
    CostModel model = new CostModel(settings, destination.deliveryPaths(), flush, polling);
    return new Result(workload, rateSource, allocation, model.estimate(workload, allocation));
  }

  private Workload sampled(TableStatistics first, TableStatistics second, double seconds, long keys)
      throws UserFixable {
    long changes = second.changes() - first.changes();
    long deletes = second.deletes() - first.deletes();
    if (changes < 0 || deletes < 0) {
      throw new UserFixable(
          ExitCodes.FAILED,
          "StatisticsReset",
          "the statistics of "
              + first.table()
              + " were reset during the sample (pg_stat_reset); plan again, or give the rate"
              + " with --rate",
          null);
    }
    // deletes a sync ignores cost nothing
    boolean sendsDeletes = settings.deletes() == DeletePolicy.Delete;
    long sent = sendsDeletes ? changes : changes - deletes;
    double share = sendsDeletes && changes > 0 ? (double) deletes / changes : 0;
    return new Workload(second.rows(), sent / seconds, keys, share);
  }

  private static Optional<Allocation> allocation(Destination destination) throws UserFixable {
    try {
      return destination.allocation();
    } catch (DestinationException e) {
      boolean user = e.kind() != DestinationException.Kind.TRANSIENT;
      throw new UserFixable(
          user ? ExitCodes.DESTINATION_REJECTED : ExitCodes.FAILED,
          e.reason(),
          "cannot read the destination's API allocation: "
              + e.getMessage()
              + (user ? "" : "; check that the destination is reachable, or plan with --no-limits"),
          e);
    }
  }
}

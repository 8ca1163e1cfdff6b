package io.serversidesync.runner.plan;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.DeliveryPath;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Chooses how a flush is delivered: among the destination's {@link DeliveryPath}s, the one that
 * needs the fewest API calls for the batch and still fits the latency budget. A configured bulk
 * threshold overrides the choice: batches at or above it take the path with the largest request
 * size (a bulk job), smaller ones the path with the smallest.
 */
public final class DeliveryPlanner {

  /**
   * The latency budget of a backlog (a snapshot, or WAL written while the runner was stopped) on a
   * one-way sync: its changes are late already, so the cheapest path is taken whatever its latency.
   */
  public static final Duration BACKLOG_LATENCY_BUDGET = Duration.ofHours(1);

  /**
   * The latency budget of a cut: a backlog on a one-way sync takes the cheapest path; two-way syncs
   * keep backlogs within maxDelay's paths (see EpochDelivery), as do streaming cuts.
   */
  public static Duration budget(boolean backlog, SyncSettings settings) {
    return backlog && settings.twoWay() == null ? BACKLOG_LATENCY_BUDGET : settings.maxDelay();
  }

  private final List<DeliveryPath> paths;
  private final Integer bulkThreshold;

  /**
   * @param paths the destination's paths, at least one
   * @param bulkThreshold spec.batching.bulkThreshold, or null to let the cost model decide
   */
  public DeliveryPlanner(List<DeliveryPath> paths, Integer bulkThreshold) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a destination needs at least one delivery path");
    }
    this.paths = List.copyOf(paths);
    this.bulkThreshold = bulkThreshold;
  }

  /**
   * Picks the path for a batch.
   *
   * @param records number of records in the batch
   * @param latencyBudget how long delivery may take (normally spec.batching.maxDelay)
   */
  public DeliveryPath choose(int records, Duration latencyBudget) {
    Objects.requireNonNull(latencyBudget, "latencyBudget");
    Comparator<DeliveryPath> bySize = Comparator.comparingInt(DeliveryPath::maxRecordsPerRequest);
    if (bulkThreshold != null) {
      return records >= bulkThreshold
          ? paths.stream().max(bySize).orElseThrow()
          : paths.stream().min(bySize).orElseThrow();
    }
    Comparator<DeliveryPath> cheapest =
        Comparator.comparingLong((DeliveryPath p) -> p.estimatedCalls(records))
            .thenComparing(DeliveryPath::typicalLatency);
    return paths.stream()
        .filter(p -> p.typicalLatency().compareTo(latencyBudget) <= 0)
        .min(cheapest)
        .orElseGet(
            () ->
                paths.stream()
                    .min(Comparator.comparing(DeliveryPath::typicalLatency))
                    .orElseThrow());
  }

  /**
   * Records per request on a path: spec.batching.maxRecords caps the per-call paths (up to the
   * path's records per call); a job path takes its own size (see {@link DeliveryPath#perCall()}).
   */
  public static int requestSize(DeliveryPath path, int maxRecords) {
    return path.perCall()
        ? Math.min(path.maxRecordsPerRequest(), maxRecords)
        : path.maxRecordsPerRequest();
  }

  /** API calls of delivering {@code records} along {@code path} in requests as the runner cuts. */
  public static long calls(DeliveryPath path, int records, int maxRecords) {
    if (records <= 0) {
      return 0;
    }
    int size = requestSize(path, maxRecords);
    long requests = (records + (long) size - 1) / size;
    return path.fixedCalls() + requests * path.callsPerRequest();
  }

  /**
   * The smallest batch for which {@link #choose} picks a path other than the one it picks for a
   * single record, or -1 if there is none up to {@code limit} (reported by the benchmarks).
   */
  public int crossover(Duration latencyBudget, int limit) {
    DeliveryPath first = choose(1, latencyBudget);
    for (int n = 2; n <= limit; n++) {
      if (!choose(n, latencyBudget).equals(first)) {
        return n;
      }
    }
    return -1;
  }
}

package io.serversidesync.runner.plan;

/**
 * What the cost plan assumes about the source table.
 *
 * @param rows rows the initial load reads (pg_class.reltuples)
 * @param changesPerSecond inserts, updates and deletes per second in the steady state
 * @param keys distinct upsert keys the changes fall on, uniformly (the table's rows unless given)
 * @param deleteShare the fraction of changes that are deletes (0 when spec.deletes ignores them)
 */
public record Workload(long rows, double changesPerSecond, long keys, double deleteShare) {

  public Workload {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, not " + rows);
    }
    if (!(changesPerSecond >= 0) || Double.isInfinite(changesPerSecond)) {
      throw new IllegalArgumentException(
          "the change rate must be a number of changes per second ≥ 0, not " + changesPerSecond);
    }
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1, not " + keys);
    }
    if (!(deleteShare >= 0 && deleteShare <= 1)) {
      throw new IllegalArgumentException("deleteShare must be in [0, 1], not " + deleteShare);
    }
  }
}

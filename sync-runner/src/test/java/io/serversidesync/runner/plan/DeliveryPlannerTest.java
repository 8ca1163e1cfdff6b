package io.serversidesync.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.DeliveryPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPlannerTest {

  private static final DeliveryPath COLLECTIONS =
      DeliveryPath.perCall("collections", 200, 0, 1, Duration.ofMillis(500));
  private static final DeliveryPath BULK =
      DeliveryPath.job("bulk", 150_000_000, 8, 1, Duration.ofSeconds(30));
  private static final Duration LONG_BUDGET = Duration.ofMinutes(5);

  @Test
  void smallBatchesGoThroughTheCheapPerCallPath() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(COLLECTIONS, BULK), null);
    assertThat(planner.choose(1, LONG_BUDGET)).isEqualTo(COLLECTIONS);
    assertThat(planner.choose(200 * 9, LONG_BUDGET)).isEqualTo(COLLECTIONS);
  }

  @Test
  void largeBatchesGoToBulkWhenTheBudgetAllows() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(COLLECTIONS, BULK), null);
    // 10 collection calls vs 9 for a job: the job wins.
    assertThat(planner.choose(200 * 9 + 1, LONG_BUDGET)).isEqualTo(BULK);
    assertThat(planner.crossover(LONG_BUDGET, 100_000)).isEqualTo(200 * 9 + 1);
  }

  @Test
  void aTightLatencyBudgetKeepsBatchesOffBulk() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(COLLECTIONS, BULK), null);
    assertThat(planner.choose(50_000, Duration.ofSeconds(2))).isEqualTo(COLLECTIONS);
    assertThat(planner.crossover(Duration.ofSeconds(2), 100_000)).isEqualTo(-1);
  }

  @Test
  void theThresholdOverridesTheCostModel() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(COLLECTIONS, BULK), 5000);
    assertThat(planner.choose(4999, LONG_BUDGET)).isEqualTo(COLLECTIONS);
    assertThat(planner.choose(5000, Duration.ofSeconds(1))).isEqualTo(BULK);
  }

  @Test
  void whenNothingFitsTheBudgetTheFastestPathIsUsed() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(BULK), null);
    assertThat(planner.choose(10, Duration.ofMillis(1))).isEqualTo(BULK);
  }

  @Test
  void maxRecordsCapsThePerCallPathsAndNotTheJobs() {
    assertThat(DeliveryPlanner.requestSize(COLLECTIONS, 50)).isEqualTo(50);
    assertThat(DeliveryPlanner.requestSize(COLLECTIONS, 500)).isEqualTo(200);
    assertThat(DeliveryPlanner.requestSize(BULK, 50)).isEqualTo(150_000_000);
    // the destination says which is which, whatever the size: a small job keeps its size, a large
    // per-call path is capped
    DeliveryPath smallJob = DeliveryPath.job("job", 100, 3, 1, Duration.ofSeconds(5));
    DeliveryPath largeCalls = DeliveryPath.perCall("calls", 5_000, 0, 1, Duration.ofSeconds(1));
    assertThat(DeliveryPlanner.requestSize(smallJob, 50)).isEqualTo(100);
    assertThat(DeliveryPlanner.requestSize(largeCalls, 1_000)).isEqualTo(1_000);
    assertThat(DeliveryPlanner.calls(largeCalls, 2_500, 1_000)).isEqualTo(3);
  }
}

package io.serversidesync.runner.destination.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.DeliveryPath;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.plan.DeliveryPlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelsTest {

  private final DeliveryPath collections = CostModels.collections(200);
  private final DeliveryPath bulk =
      CostModels.bulk(BulkSettings.DEFAULT, SalesforceSettings.DEFAULT_BULK_PROCESSING);

  @Test
  void aBulkJobCostsCreateUploadCloseSixPollsAndTheResults() {
    assertThat(bulk.estimatedCalls(1)).isEqualTo(10);
    assertThat(bulk.estimatedCalls(1_000_000)).isEqualTo(10);
    assertThat(bulk.estimatedCalls(1_000_001)).isEqualTo(20);
    assertThat(bulk.typicalLatency()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(23));
    assertThat(collections.estimatedCalls(201)).isEqualTo(2);
  }

  @Test
  void thePlannerMovesToBulkAbove2000RecordsWhenTheLatencyBudgetAllows() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(collections, bulk), null);
    assertThat(planner.crossover(Duration.ofMinutes(1), 100_000)).isEqualTo(2001);
    assertThat(planner.choose(2000, Duration.ofMinutes(1))).isEqualTo(collections);
    // With the default maxDelay of 2 s a job cannot finish in time: collections only.
    assertThat(planner.crossover(Duration.ofSeconds(2), 100_000)).isEqualTo(-1);
  }

  @Test
  void smallerCollectionsCallsMoveTheCrossoverDown() {
    DeliveryPlanner planner = new DeliveryPlanner(List.of(CostModels.collections(50), bulk), null);
    assertThat(planner.crossover(Duration.ofMinutes(1), 100_000)).isEqualTo(501);
  }
}

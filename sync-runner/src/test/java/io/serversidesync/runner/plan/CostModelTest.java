package io.serversidesync.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.destination.Allocation;
import io.serversidesync.runner.destination.DeliveryPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostModelTest {

  /** Salesforce's paths with the default cost models: 200 a call; a Bulk job is 10 calls. */
  private static final List<DeliveryPath> PATHS =
      List.of(
          DeliveryPath.perCall("collections", 200, 0, 1, Duration.ofSeconds(1)),
          DeliveryPath.job("bulk", 150_000_000, 0, 10, Duration.ofSeconds(21)));

  private static SyncSettings settings(Integer bulkThreshold, DeletePolicy deletes) {
    return SyncSettings.builder()
        .name("s")
        .schema("public")
        .table("t")
        .upsertKey("k")
        .mapping(List.of(new FieldMap("k", "K__c")))
        .deletes(deletes)
        .maxRecords(200)
        .maxDelay(Duration.ofSeconds(2))
        .bulkThreshold(bulkThreshold)
        .maxPendingKeys(100_000)
        .maxPendingBytes(1L << 30)
        .maxConcurrent(2)
        .postgres(new PostgresSettings("h", 5432, "d", "u", "p", SslMode.DISABLE, null))
        .build();
  }

  private static CostModel model(Integer bulkThreshold, long polling) {
    SyncSettings s = settings(bulkThreshold, DeletePolicy.Delete);
    return new CostModel(s, PATHS, new FlushPolicy(s, 10, 1L << 40), polling);
  }

  @Test
  void anInitialLoadIsCutAtTheFlushSizeAndTakesTheCheapestPath() {
    CostEstimate e = model(null, 0).estimate(new Workload(10_000, 0, 10_000, 0), Optional.empty());
    // 5 flushes of 2,000 rows (200 × 10): 10 collections calls each, as cheap as a Bulk job and
    // faster
    assertThat(e.initialLoad())
        .isEqualTo(new CostEstimate.InitialLoad(10_000, 5, "collections", 50));
  }

  @Test
  void aBulkThresholdSendsFullFlushesAsBulkJobsAndASmallRestAsCollections() {
    CostEstimate e = model(5_000, 0).estimate(new Workload(12_000, 0, 12_000, 0), Optional.empty());
    assertThat(e.initialLoad().flushes()).isEqualTo(3);
    assertThat(e.initialLoad().calls()).isEqualTo(10 + 10 + 10);
    assertThat(e.initialLoad().path()).isEqualTo("bulk (the last flush: collections)");
  }

  @Test
  void aSteadyTrickleOnManyKeysSendsOneCallPerMaxDelayWindow() {
    CostEstimate e =
        model(null, 0).estimate(new Workload(1_000_000, 10, 1_000_000, 0), Optional.empty());
    // a window gathers 1 + 10 × 2 changes, on as many keys; 10 / 21 windows a second
    assertThat(e.steady().changesPerFlush()).isCloseTo(21, within(1e-9));
    assertThat(e.steady().keysPerFlush()).isCloseTo(21, within(0.01));
    assertThat(e.steady().changesPerDay()).isEqualTo(864_000);
    assertThat(e.steady().writeCallsPerDay()).isEqualTo(Math.round(10.0 / 21 * 86_400));
    assertThat(e.steady().path()).isEqualTo("collections");
  }

  @Test
  void hotKeysCoalesceIntoFewerRecordsPerFlush() {
    CostEstimate e = model(null, 0).estimate(new Workload(1_000_000, 100, 50, 0), Optional.empty());
    // 201 changes on 50 keys leave 50 × (1 − (49/50)^201) ≈ 49.1 distinct keys: one call
    assertThat(e.steady().keysPerFlush()).isCloseTo(49.1, within(0.1));
    assertThat(e.steady().writeCallsPerDay()).isEqualTo(Math.round(100.0 / 201 * 86_400));
  }

  @Test
  void aBusyTableFlushesAtTheFlushSizeBeforeMaxDelay() {
    CostEstimate e =
        model(null, 0).estimate(new Workload(1_000_000, 10_000, 1_000_000, 0), Optional.empty());
    assertThat(e.steady().keysPerFlush()).isEqualTo(2_000);
    // 2,000 distinct of 1,000,000 keys take about 2,002 changes
    assertThat(e.steady().changesPerFlush()).isCloseTo(2_002, within(1.0));
    double windows = 10_000 / e.steady().changesPerFlush() * 86_400;
    assertThat(e.steady().writeCallsPerDay()).isEqualTo(Math.round(windows * 10));
  }

  @Test
  void deletesAreRequestsOfTheirOwn() {
    CostEstimate e =
        model(null, 0).estimate(new Workload(1_000_000, 100, 1_000_000, 0.5), Optional.empty());
    // 201 keys: 100.5 upserts (1 call) and 100.5 deletes (1 call) instead of 2 calls of 201
    double windows = 100.0 / 201 * 86_400;
    assertThat(e.steady().writeCallsPerDay()).isEqualTo(Math.round(windows * 2));
  }

  @Test
  void aQuietTableCostsOnlyTheTwoWayPolls() {
    CostEstimate e = model(null, 8_640).estimate(new Workload(5, 0, 5, 0), Optional.empty());
    assertThat(e.steady().writeCallsPerDay()).isZero();
    assertThat(e.callsPerDay()).isEqualTo(8_640);
  }

  @Test
  void theShareOfTheAllocationSaysWhetherDailyQuotaShareThrottles() {
    Allocation developerOrg = new Allocation("DailyApiRequests", 15_000, 1_200, 0.05);
    CostEstimate busy =
        model(null, 0).estimate(new Workload(10_000, 10, 1_000_000, 0), Optional.of(developerOrg));
    CostEstimate.Quota q = busy.quota().orElseThrow();
    assertThat(q.syncLimit()).isEqualTo(750);
    assertThat(q.sharePercent()).isCloseTo(100.0 * busy.callsPerDay() / 15_000, within(1e-9));
    assertThat(q.steadyThrottled()).isTrue();
    assertThat(q.throttled()).isTrue();

    CostEstimate quiet =
        model(null, 0)
            .estimate(new Workload(10_000, 0.001, 1_000_000, 0), Optional.of(developerOrg));
    assertThat(quiet.quota().orElseThrow().throttled()).isFalse();
    assertThat(quiet.quota().orElseThrow().initialLoadDays()).isEqualTo(1);

    CostEstimate bigLoad =
        model(null, 0)
            .estimate(new Workload(1_000_000, 0, 1_000_000, 0), Optional.of(developerOrg));
    // 5,000 calls at 750 a day
    assertThat(bigLoad.quota().orElseThrow().initialLoadDays()).isEqualTo(7);
    assertThat(bigLoad.quota().orElseThrow().throttled()).isTrue();
  }

  @Test
  void distinctKeysFollowTheUniformExpectation() {
    assertThat(CostModel.distinct(1, 5)).isEqualTo(1);
    assertThat(CostModel.distinct(1_000, 1)).isCloseTo(1, within(1e-9));
    assertThat(CostModel.distinct(1_000, 1_000)).isCloseTo(632.3, within(0.1));
  }

  @Test
  void aWorkloadOrAllocationThatCannotBeRefusesWithTheReason() {
    assertThatThrownBy(() -> new Workload(10, -1, 10, 0))
        .hasMessageContaining("changes per second ≥ 0");
    assertThatThrownBy(() -> new Workload(10, 1, 0, 0)).hasMessageContaining("keys must be");
    assertThatThrownBy(() -> new Allocation("DailyApiRequests", 0, 0, 0.1))
        .hasMessageContaining("allocation must be positive");
  }
}

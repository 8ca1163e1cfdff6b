package io.serversidesync.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.api.v1alpha1.SslMode;
import io.serversidesync.runner.config.FieldMap;
import io.serversidesync.runner.config.PostgresSettings;
import io.serversidesync.runner.config.SyncSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushPolicyTest {

  private static SyncSettings settings(int maxRecords, Integer bulk, int maxKeys, long maxBytes) {
    return SyncSettings.builder()
        .name("s")
        .schema("public")
        .table("t")
        .upsertKey("k")
        .mapping(List.of(new FieldMap("k", "K__c")))
        .deletes(DeletePolicy.Ignore)
        .maxRecords(maxRecords)
        .maxDelay(Duration.ofSeconds(2))
        .bulkThreshold(bulk)
        .maxPendingKeys(maxKeys)
        .maxPendingBytes(maxBytes)
        .maxConcurrent(2)
        .postgres(new PostgresSettings("h", 5432, "d", "u", "p", SslMode.DISABLE, null))
        .build();
  }

  @Test
  void flushesAtBatchSizeAgeAndBound() {
    FlushPolicy p = new FlushPolicy(settings(200, null, 100_000, 1L << 30), 10, 1L << 40);
    long t0 = 1_000_000_000L;
    assertThat(p.flushDue(1999, 0, t0, t0 + 1, false)).isFalse();
    assertThat(p.flushDue(2000, 0, t0, t0 + 1, false)).isTrue();
    assertThat(p.flushDue(1, 0, t0, t0 + Duration.ofSeconds(2).toNanos(), false)).isTrue();
    assertThat(p.atBound(100_000, 0)).isTrue();
    assertThat(p.atBound(10, 1L << 30)).isTrue();
    assertThat(p.full(2000, 0, false)).isTrue();
  }

  @Test
  void bulkThresholdRaisesTheFlushSizeAndTheHeapCapsTheMemoryBound() {
    FlushPolicy bulk = new FlushPolicy(settings(200, 5000, 1_000_000, 1L << 30), 10, 1L << 40);
    assertThat(bulk.flushDue(4999, 0, 0, 1, false)).isFalse();
    assertThat(bulk.flushDue(5000, 0, 0, 1, false)).isTrue();
    FlushPolicy small = new FlushPolicy(settings(200, null, 1_000_000, 256L << 20), 10, 96L << 20);
    assertThat(small.maxPendingBytes()).isEqualTo(32L << 20);
    FlushPolicy fewKeys = new FlushPolicy(settings(200, null, 50, 1L << 30), 10, 1L << 40);
    assertThat(fewKeys.flushDue(50, 0, 0, 1, false)).isTrue();
  }

  @Test
  void whileCatchingUpOnlyTheBoundCuts() {
    FlushPolicy p = new FlushPolicy(settings(200, null, 100_000, 1L << 30), 10, 1L << 40);
    long t0 = 1_000_000_000L;
    // more changes of the same keys wait right behind: the batch size does not cut
    assertThat(p.full(50_000, 0, true)).isFalse();
    assertThat(p.flushDue(50_000, 0, t0, t0 + 1, true)).isFalse();
    // nor does maxDelay: the backlog was late before it was read, each key goes once
    assertThat(p.flushDue(1, 0, t0, t0 + Duration.ofSeconds(2).toNanos(), true)).isFalse();
    assertThat(p.flushDue(1, 0, t0, t0 + Duration.ofSeconds(2).toNanos(), false)).isTrue();
    // the bounds still hold
    assertThat(p.full(100_000, 0, true)).isTrue();
    assertThat(p.full(10, 1L << 30, true)).isTrue();
    assertThat(p.flushDue(100_000, 0, t0, t0 + 1, true)).isTrue();
  }

  @Test
  void insideATransactionOnlyTheBoundCuts() {
    FlushPolicy p = new FlushPolicy(settings(200, null, 100_000, 1L << 30), 10, 1L << 40);
    // the batch size and maxDelay wait for the commit: the rest of the transaction is waiting
    assertThat(p.mayCut(true, 50_000, 0)).isFalse();
    assertThat(p.mayCut(false, 50_000, 0)).isTrue();
    assertThat(p.mayCut(false, 1, 0)).isTrue();
    // memory is the harder limit
    assertThat(p.mayCut(true, 100_000, 0)).isTrue();
    assertThat(p.mayCut(true, 10, 1L << 30)).isTrue();
  }
}

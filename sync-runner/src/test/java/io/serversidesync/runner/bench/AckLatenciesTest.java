package io.serversidesync.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.bench.AckLatencies.Ack;
import io.serversidesync.runner.bench.AckLatencies.CommittedChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLatenciesTest {

  @Test
  void aCoalescedChangeIsAcknowledgedByTheFirstLaterVersionOfItsKey() {
    List<CommittedChange> changes =
        List.of(
            new CommittedChange("a", 10, 1_000_000),
            new CommittedChange("a", 12, 1_300_000),
            new CommittedChange("a", 15, 2_500_000));
    List<Ack> acks =
        List.of(
            new Ack("a", 15, 3_600_000), // the last image, sent in the next flush
            new Ack("a", 12, 2_100_000)); // 10 and 12 coalesced into one record
    AckLatencies l = AckLatencies.of(changes, acks);
    assertThat(l.unacknowledged()).isZero();
    assertThat(l.minMillis()).isEqualTo(800.0);
    assertThat(l.percentileMillis(50)).isEqualTo(1100.0);
    assertThat(l.maxMillis()).isEqualTo(1100.0);
  }

  @Test
  void anOlderVersionOrAnotherKeyDoesNotAcknowledgeAChange() {
    List<CommittedChange> changes =
        List.of(new CommittedChange("a", 20, 1_000_000), new CommittedChange("b", 5, 1_000_000));
    List<Ack> acks = List.of(new Ack("a", 19, 1_500_000), new Ack("c", 30, 1_500_000));
    AckLatencies l = AckLatencies.of(changes, acks);
    assertThat(l.unacknowledged()).isEqualTo(2);
    assertThat(l.acknowledged()).isZero();
    assertThatThrownBy(() -> l.percentileMillis(50)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void percentilesUseTheNearestRank() {
    List<CommittedChange> changes = new ArrayList<>();
    List<Ack> acks = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      changes.add(new CommittedChange("k" + i, 1, 0));
      acks.add(new Ack("k" + i, 1, i * 1_000L)); // latencies 1..200 ms
    }
    AckLatencies l = AckLatencies.of(changes, acks);
    assertThat(l.percentileMillis(50)).isEqualTo(100.0);
    assertThat(l.percentileMillis(99)).isEqualTo(198.0);
    assertThat(l.maxMillis()).isEqualTo(200.0);
  }

  @Test
  void theSamplesFileHoldsEveryLatencyInMillisecondsInAscendingOrder(@TempDir Path tmp)
      throws Exception {
    List<CommittedChange> changes =
        List.of(new CommittedChange("a", 1, 1_000_000), new CommittedChange("b", 1, 1_000_000));
    List<Ack> acks = List.of(new Ack("a", 1, 1_250_500), new Ack("b", 1, 1_012_345));
    Path file = tmp.resolve("bench/latency-samples.csv");
    AckLatencies.of(changes, acks).writeMillis(file);
    assertThat(Files.readAllLines(file))
        .containsExactly(AckLatencies.SAMPLES_HEADER, "12.345", "250.500");
  }
}

package io.serversidesync.runner.bench.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.bench.plots.ApiCalls.Bar;
import io.serversidesync.runner.bench.plots.CaptureRates.Rate;
import io.serversidesync.runner.bench.plots.LatencySamples.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the plots draw, from the files a benchmark run leaves in target/bench; no pixels. */
class PlotDataTest {

  @Test
  void benchLinesGiveNamedFiguresAndTheRestOfTheLineIsTheUnit() {
    BenchFigures f =
        BenchFigures.parse(
            List.of(
                "BENCH latency_p50_ms 659 ms (commit -> acknowledgement; 60,000 changes)",
                "latency: verified; 512 API calls",
                "BENCH latency_max_ms 1375 ms",
                "BENCH label notANumber text",
                "BENCH latency_machine_load 3.01"));
    assertThat(f.value("latency_p50_ms")).isEqualTo(659.0);
    assertThat(f.require("latency_p50_ms").note())
        .isEqualTo("commit -> acknowledgement; 60,000 changes");
    assertThat(f.require("latency_max_ms").note()).isEmpty();
    assertThat(f.require("latency_machine_load").unit()).isEmpty();
    assertThat(f.figure("label")).isEmpty();
    assertThatThrownBy(() -> f.value("latency_p99_ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency_p99_ms");
  }

  @Test
  void samplesSkipTheHeaderAndGiveNearestRankPercentiles() {
    LatencySamples s =
        LatencySamples.parse(List.of("commit_to_ack_ms", "300.5", "100.0", "", "200.25", "400"));
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.percentile(50)).isEqualTo(200.25);
    assertThat(s.percentile(99)).isEqualTo(400.0);
    assertThat(s.percentile(0)).isEqualTo(100.0);
    assertThat(s.max()).isEqualTo(400.0);
    assertThatThrownBy(() -> LatencySamples.parse(List.of("commit_to_ack_ms", "12", "x")))
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> LatencySamples.parse(List.of("commit_to_ack_ms")))
        .hasMessageContaining("no latency samples");
  }

  @Test
  void theHistogramCoversSmallestToLargestWithEmptyBinsAndCountsEverySample() {
    LatencySamples s = LatencySamples.parse(List.of("45", "41", "59.9", "60", "101", "119.99"));
    List<Bin> bins = s.histogram(20);
    assertThat(bins)
        .containsExactly(
            new Bin(40, 60, 3), new Bin(60, 80, 1), new Bin(80, 100, 0), new Bin(100, 120, 2));
    assertThat(bins.stream().mapToInt(Bin::count).sum()).isEqualTo(s.count());
    assertThatThrownBy(() -> s.histogram(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void apiCallsComparePer100kChangesWithOneCallPerChange() {
    ApiCalls calls =
        ApiCalls.from(
            BenchFigures.parse(
                List.of(
                    "BENCH api_calls_ratio_to_min 0.100 calls/minimum",
                    "BENCH api_calls_per_100k_changes_catch_up 6 calls (every call)",
                    "BENCH api_calls_per_100k_changes_streaming 105 calls (every call)")));
    assertThat(calls.bars()).extracting(Bar::calls).containsExactly(100_000.0, 6.0, 105.0);
    assertThat(calls.bars().get(0).reductionPct()).isZero();
    assertThat(calls.bars().get(2).reductionPct()).isCloseTo(99.895, within());
  }

  @Test
  void captureRatesPairTheConsumersWithTheBenchmarksRatio() {
    CaptureRates c =
        CaptureRates.from(
            BenchFigures.parse(
                List.of(
                    "BENCH capture_runner_changes_per_s 73786 changes/s, from the first change"
                        + " (median of 3 rounds; min 72851, max 74357)",
                    "BENCH capture_pg_recvlogical_changes_per_s 84049 changes/s",
                    "BENCH capture_ratio 0.88 runner/pg_recvlogical",
                    "BENCH capture_runner_changes_per_s_with_startup 61057 changes/s",
                    "BENCH capture_pg_recvlogical_changes_per_s_with_startup 79427 changes/s",
                    "BENCH capture_ratio_with_startup 0.77 runner/pg_recvlogical")));
    assertThat(c.rates())
        .containsExactly(
            new Rate("from the first change", 73786, 84049, 0.88),
            new Rate("from launch", 61057, 79427, 0.77));
    assertThat(c.rounds()).isEqualTo("median of 3 rounds");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}

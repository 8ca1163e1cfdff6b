package io.serversidesync.runner.bench.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Draws the benchmarks' plots from the data of a run in target/bench, one PNG per group that has
 * one: latency (latency.txt and latency-samples.csv), api (api.txt) and capture (capture.txt).
 * {@code scripts/bench.sh} runs it after the groups, naming those that ran and succeeded, so that a
 * plot never shows an older run's data; other groups are ignored.
 *
 * <p>Arguments: the bench directory (target/bench), the plots' directory (docs/benchmarks), the
 * machine's description, then the groups.
 */
public final class BenchPlots {

  private BenchPlots() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: BenchPlots BENCH_DIR OUT_DIR MACHINE GROUP...");
    }
    Path bench = Path.of(args[0]);
    Path out = Path.of(args[1]);
    PlotStamp stamp = new PlotStamp(LocalDate.now(), args[2]);
    List<String> groups = Arrays.asList(args).subList(3, args.length);
    for (String group : groups) {
      JFreeChart chart = chart(group, bench, stamp);
      if (chart != null) {
        Path file = out.resolve(group + ".png");
        ChartStyle.writePng(chart, file);
        System.err.println("bench: plot " + file);
      }
    }
  }

  /** The group's plot, or null when the group has none. */
  static JFreeChart chart(String group, Path bench, PlotStamp stamp) throws Exception {
    return switch (group) {
      case "latency" ->
          LatencyPlot.chart(
              LatencySamples.read(bench.resolve("latency-samples.csv")),
              BenchFigures.read(bench.resolve("latency.txt")),
              stamp);
      case "api" -> ApiCallsPlot.chart(ApiCalls.from(figures(bench, group)), stamp);
      case "capture" -> CapturePlot.chart(CaptureRates.from(figures(bench, group)), stamp);
      default -> null;
    };
  }

  private static BenchFigures figures(Path bench, String group) throws Exception {
    Path file = bench.resolve(group + ".txt");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no figures of group " + group + " in " + file);
    }
    return BenchFigures.read(file);
  }
}

package io.serversidesync.runner.bench.plots;

import io.serversidesync.runner.bench.plots.CaptureRates.Rate;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The capture group's plot: changes captured per second by the runner and by {@code pg_recvlogical}
 * from the same WAL backlog, from the first change and from launch, with the ratio.
 */
final class CapturePlot {

  static final String RUNNER = "ServerSideSync runner";
  static final String RECVLOGICAL = "pg_recvlogical";

  private CapturePlot() {}

  static JFreeChart chart(CaptureRates capture, PlotStamp stamp) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Rate r : capture.rates()) {
      String column = String.format(Locale.ROOT, "timed %s (ratio %.2f)", r.label(), r.ratio());
      data.addValue(r.runner(), RUNNER, column);
      data.addValue(r.recvlogical(), RECVLOGICAL, column);
    }
    NumberAxis y = new NumberAxis("changes captured per second");
    y.setLabelFont(ChartStyle.LABEL);
    y.setNumberFormatOverride(ChartStyle.integers());
    y.setUpperMargin(0.12);
    BarRenderer bars =
        BarLabels.renderer((row, column, value) -> ChartStyle.format(value) + "/s", null);
    bars.setSeriesPaint(0, ChartStyle.SERVERSIDESYNC);
    bars.setSeriesPaint(1, ChartStyle.BASELINE);
    bars.setMaximumBarWidth(0.3);
    CategoryPlot plot = new CategoryPlot(data, BarLabels.categories(), y, bars);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    String about =
        "One WAL backlog: 1,000,000 row changes (100,000 inserts, 900,000 updates), a slot per"
            + " consumer; "
            + capture.rounds()
            + "\nrunner: decodes and coalesces, the destination acknowledges at once, the pod's JVM"
            + " settings; pg_recvlogical: pgoutput to a file; ratio: runner/pg_recvlogical, the"
            + " median of the rounds' ratios";
    return ChartStyle.chart(
        "Capture rate: the runner against pg_recvlogical",
        plot,
        true,
        about,
        stamp.line("capture"));
  }
}

package io.serversidesync.runner.bench.plots;

import io.serversidesync.runner.bench.plots.ApiCalls.Bar;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The api group's plot: API calls per 100,000 changes, one call per change against ServerSideSync
 * catching up and streaming, on a log scale (the three span four orders of magnitude).
 */
final class ApiCallsPlot {

  private ApiCallsPlot() {}

  static JFreeChart chart(ApiCalls calls, PlotStamp stamp) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bar b : calls.bars()) {
      data.addValue(b.calls(), "API calls", b.label());
    }
    LogAxis y = new LogAxis("API calls per 100,000 changes (log scale)");
    y.setLabelFont(ChartStyle.LABEL);
    y.setNumberFormatOverride(ChartStyle.integers());
    y.setSmallestValue(1);
    y.setRange(1, 1_000_000);
    y.setAutoTickUnitSelection(false);
    y.setTickUnit(new NumberTickUnit(1)); // a tick per power of ten
    y.setMinorTickCount(10);
    y.setMinorTickMarksVisible(true);
    BarRenderer bars =
        BarLabels.renderer(
            (row, column, value) -> label(calls.bars().get(column)),
            List.of(ChartStyle.BASELINE, ChartStyle.SERVERSIDESYNC, ChartStyle.SERVERSIDESYNC));
    bars.setBase(1);
    CategoryPlot plot = new CategoryPlot(data, BarLabels.categories(), y, bars);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    String about =
        "100,000 upserts over 10,000 keys (CoalescingBenchmark), examples/contacts-salesforce.yaml:"
            + " maxRecords 200, maxDelay 2s, 5 requests/s\n"
            + "catch-up: written while the runner is stopped, then drained; streaming: the runner"
            + " streams while the application writes. Every call of the run counted, the start's"
            + " describe included";
    return ChartStyle.chart(
        "Salesforce API calls per 100,000 changes", plot, false, about, stamp.line("api"));
  }

  private static String label(Bar b) {
    String calls = ChartStyle.format(b.calls()) + (b.calls() == 1 ? " call" : " calls");
    return b.reductionPct() == 0
        ? calls
        : String.format(Locale.ROOT, "%s (%.2f %% fewer)", calls, b.reductionPct());
  }
}

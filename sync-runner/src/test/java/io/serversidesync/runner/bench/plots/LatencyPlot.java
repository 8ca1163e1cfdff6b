package io.serversidesync.runner.bench.plots;

import io.serversidesync.runner.bench.plots.LatencySamples.Bin;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency group's plot: how the changes' commit → acknowledgement latencies are spread (a
 * histogram, share of changes per bin), their cumulative share, and p50 and p99 marked.
 */
final class LatencyPlot {

  static final double BIN_MS = 20;

  private LatencyPlot() {}

  static JFreeChart chart(LatencySamples samples, BenchFigures latency, PlotStamp stamp) {
    List<Bin> bins = samples.histogram(BIN_MS);
    XYIntervalSeries share = new XYIntervalSeries("changes per " + (int) BIN_MS + " ms bin (%)");
    XYSeries cumulative = new XYSeries("changes acknowledged by then (cumulative %)");
    cumulative.add(bins.get(0).fromMillis(), 0);
    long seen = 0;
    for (Bin b : bins) {
      double pct = 100.0 * b.count() / samples.count();
      share.add((b.fromMillis() + b.toMillis()) / 2, b.fromMillis(), b.toMillis(), pct, 0, pct);
      seen += b.count();
      cumulative.add(b.toMillis(), 100.0 * seen / samples.count());
    }
    NumberAxis x = new NumberAxis("commit → acknowledgement (ms)");
    x.setLabelFont(ChartStyle.LABEL);
    x.setAutoRangeIncludesZero(true);
    NumberAxis y = new NumberAxis("share of changes per bin (%)");
    y.setLabelFont(ChartStyle.LABEL);
    XYBarRenderer bars = new XYBarRenderer(0.05);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, ChartStyle.SERVERSIDESYNC);
    XYPlot plot = new XYPlot(new XYIntervalSeriesCollection(), x, y, bars);
    ((XYIntervalSeriesCollection) plot.getDataset()).addSeries(share);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);

    NumberAxis cumulativeAxis = new NumberAxis("cumulative share of changes (%)");
    cumulativeAxis.setLabelFont(ChartStyle.LABEL);
    cumulativeAxis.setRange(0, 100);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, ChartStyle.SECOND);
    line.setSeriesStroke(0, new BasicStroke(2f));
    plot.setRangeAxis(1, cumulativeAxis);
    plot.setDataset(1, new XYSeriesCollection(cumulative));
    plot.setRenderer(1, line);
    plot.mapDatasetToRangeAxis(1, 1);

    // the line over the bars; p50's label left of its line, p99's right of it, below the plateau
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.addDomainMarker(marker("p50", samples.percentile(50), true));
    plot.addDomainMarker(marker("p99", samples.percentile(99), false));
    String setup =
        latency.require("latency_p50_ms").note().replace("commit -> acknowledgement; ", "");
    String load =
        latency
            .figure("latency_machine_load")
            .map(f -> String.format(Locale.ROOT, "; 1-minute load at the end %.2f", f.value()))
            .orElse("");
    String about =
        setup
            + "\n"
            + String.format(
                Locale.ROOT,
                "p50 %s ms, p99 %s ms, max %s ms over %s changes%s",
                ChartStyle.format(samples.percentile(50)),
                ChartStyle.format(samples.percentile(99)),
                ChartStyle.format(samples.max()),
                ChartStyle.format(samples.count()),
                load);
    return ChartStyle.chart(
        "Commit → acknowledgement latency per change", plot, true, about, stamp.line("latency"));
  }

  private static ValueMarker marker(String name, double millis, boolean left) {
    ValueMarker m = new ValueMarker(millis);
    m.setPaint(ChartStyle.ACCENT);
    m.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    m.setLabel(name + " " + ChartStyle.format(millis) + " ms");
    m.setLabelFont(ChartStyle.LABEL);
    m.setLabelPaint(ChartStyle.ACCENT);
    m.setLabelBackgroundColor(Color.WHITE);
    m.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
    m.setLabelOffset(new RectangleInsets(left ? 8 : 40, 4, 4, 4));
    return m;
  }
}

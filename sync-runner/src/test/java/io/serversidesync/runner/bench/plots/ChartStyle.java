package io.serversidesync.runner.bench.plots;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/** What the plots share: colours, fonts, the stamp and the PNG they are written to. */
final class ChartStyle {

  static final Color SERVERSIDESYNC = new Color(0x1F, 0x77, 0xB4);
  static final Color BASELINE = new Color(0x9E, 0x9E, 0x9E);
  static final Color ACCENT = new Color(0xD6, 0x27, 0x28);
  static final Color SECOND = new Color(0x2C, 0xA0, 0x2C);
  static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font STAMP = new Font(Font.SANS_SERIF, Font.ITALIC, 11);
  static final int WIDTH = 1000;
  static final int HEIGHT = 600;

  private ChartStyle() {}

  /** A chart on white with {@code title}, a subtitle per line of {@code about} and the stamp. */
  static JFreeChart chart(String title, Plot plot, boolean legend, String about, String stamp) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    plot.setBackgroundPaint(Color.WHITE);
    for (String line : about.split("\n")) {
      chart.addSubtitle(new TextTitle(line, SUBTITLE));
    }
    TextTitle footer = new TextTitle(stamp, STAMP);
    footer.setPosition(RectangleEdge.BOTTOM);
    footer.setPaint(Color.DARK_GRAY);
    chart.addSubtitle(0, footer); // before the legend: the outermost line
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(LABEL);
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  /** Thousands separated by commas, as the docs write them: 100,000. */
  static NumberFormat integers() {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  static String format(double value) {
    return integers().format(value);
  }

  static void writePng(JFreeChart chart, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}

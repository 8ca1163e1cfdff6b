package io.serversidesync.runner.bench.plots;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;

/** Bar charts' renderer and category axis: flat bars, each labelled with its value above it. */
final class BarLabels {

  private BarLabels() {}

  /**
   * @param label the label of the bar of a row and column
   * @param colours the paint of each column's bar, or null to colour by row (series)
   */
  static BarRenderer renderer(Labeller label, List<? extends Paint> colours) {
    BarRenderer r =
        new BarRenderer() {
          @Override
          public Paint getItemPaint(int row, int column) {
            return colours == null ? super.getItemPaint(row, column) : colours.get(column);
          }
        };
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setItemMargin(0.05);
    r.setMaximumBarWidth(0.22);
    r.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator() {
          @Override
          public String generateLabel(CategoryDataset dataset, int row, int column) {
            return label.label(row, column, dataset.getValue(row, column).doubleValue());
          }
        });
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(ChartStyle.LABEL);
    r.setDefaultItemLabelPaint(Color.BLACK);
    r.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    return r;
  }

  static CategoryAxis categories() {
    CategoryAxis axis = new CategoryAxis();
    axis.setTickLabelFont(ChartStyle.LABEL);
    axis.setMaximumCategoryLabelLines(3);
    axis.setCategoryMargin(0.3);
    return axis;
  }

  /** The text above a bar. */
  interface Labeller {
    String label(int row, int column, double value);
  }
}

package org.heirloom.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with asymmetric confidence-interval whiskers. JFreeChart's statistical renderer only draws
 * symmetric mean ± deviation bars; bootstrap intervals are rarely symmetric.
 */
final class CiBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;
    private final transient double[][] low;
    private final transient double[][] high;
    private final transient double[][][] points;

    /**
     * Intervals indexed [series][category] (NaN where a bar has none) and points indexed
     * [series][category][point] (null where none).
     */
    CiBarRenderer(double[][] low, double[][] high, double[][][] points) {
        this.low = low;
        this.high = high;
        this.points = points;
        setShadowVisible(false);
        setDrawBarOutline(false);
        setItemMargin(0.05);
        setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    }

    @Override
    public void drawItem(
            Graphics2D g2,
            CategoryItemRendererState state,
            Rectangle2D dataArea,
            CategoryPlot plot,
            CategoryAxis domainAxis,
            ValueAxis rangeAxis,
            CategoryDataset dataset,
            int row,
            int column,
            int pass) {
        super.drawItem(
                g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (row >= low.length || column >= low[row].length) {
            return;
        }
        double lo = low[row][column];
        double hi = high[row][column];
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return;
        }
        PlotOrientation orientation = plot.getOrientation();
        double barW0 = calculateBarW0(plot, orientation, dataArea, domainAxis, state, row, column);
        double centre = barW0 + state.getBarWidth() / 2.0;
        double cap = state.getBarWidth() / 4.0;
        double yLo = rangeAxis.valueToJava2D(lo, dataArea, plot.getRangeAxisEdge());
        double yHi = rangeAxis.valueToJava2D(hi, dataArea, plot.getRangeAxisEdge());
        g2.setPaint(Color.DARK_GRAY);
        g2.setStroke(new BasicStroke(0.8f));
        double[] pts =
                points[row] == null || column >= points[row].length ? null : points[row][column];
        if (pts != null && orientation == PlotOrientation.VERTICAL) {
            // Individual points (e.g. replicates), spread a little across the bar to stay visible.
            double r = Math.min(2.2, Math.max(1.2, state.getBarWidth() / 25.0));
            for (int i = 0; i < pts.length; i++) {
                double x =
                        centre
                                + (pts.length == 1
                                        ? 0
                                        : (i - (pts.length - 1) / 2.0)
                                                * state.getBarWidth()
                                                / (2.0 * pts.length));
                double y = rangeAxis.valueToJava2D(pts[i], dataArea, plot.getRangeAxisEdge());
                g2.fill(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            }
        }
        if (orientation == PlotOrientation.VERTICAL) {
            g2.draw(new Line2D.Double(centre, yLo, centre, yHi));
            g2.draw(new Line2D.Double(centre - cap, yLo, centre + cap, yLo));
            g2.draw(new Line2D.Double(centre - cap, yHi, centre + cap, yHi));
        } else {
            g2.draw(new Line2D.Double(yLo, centre, yHi, centre));
            g2.draw(new Line2D.Double(yLo, centre - cap, yLo, centre + cap));
            g2.draw(new Line2D.Double(yHi, centre - cap, yHi, centre + cap));
        }
    }
}

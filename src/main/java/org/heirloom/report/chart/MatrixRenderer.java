package org.heirloom.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Draws a {@link ChartSpec.Matrix} as coloured cells: a diverging blue–white–red scale symmetric
 * around 0 (red = the attribute went up against the baseline), each cell labelled with its %
 * change, its CI below, and {@code *} where the CI excludes 0. Cells without data stay grey.
 */
public final class MatrixRenderer {

    private MatrixRenderer() {}

    static JFreeChart render(ChartSpec.Matrix m, float fontPoints) {
        int rows = m.rows().size();
        int cols = m.columns().size();
        double span = 0;
        for (double[] r : m.percent()) {
            for (double v : r) {
                if (!Double.isNaN(v)) {
                    span = Math.max(span, Math.abs(v));
                }
            }
        }
        span = span == 0 ? 1 : span;
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[] xs = new double[rows * cols];
        double[] ys = new double[rows * cols];
        double[] zs = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                xs[i] = c;
                ys[i] = r;
                zs[i] = m.percent()[r][c];
            }
        }
        data.addSeries("change", new double[][] {xs, ys, zs});
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale(span));
        renderer.setDefaultToolTipGenerator(
                (dataset, series, item) -> {
                    int r = item / cols;
                    int c = item % cols;
                    return m.rows().get(r) + " · " + m.columns().get(c) + ": " + cellText(m, r, c);
                });
        SymbolAxis x = new SymbolAxis(null, m.columns().toArray(String[]::new));
        SymbolAxis y = new SymbolAxis(null, m.rows().toArray(String[]::new));
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        // First row on top, as in a table.
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Font value =
                new Font(ChartRenderer.fontFamilies().get(0), Font.BOLD, Math.round(fontPoints));
        Font ci =
                new Font(
                        ChartRenderer.fontFamilies().get(0),
                        Font.PLAIN,
                        Math.round(fontPoints - 2));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = m.percent()[r][c];
                if (Double.isNaN(v)) {
                    continue;
                }
                XYTextAnnotation main =
                        new XYTextAnnotation(
                                percent(v) + (m.excludesZero(r, c) ? " *" : ""), c, r - 0.12);
                main.setFont(value);
                // Dark cells take white text so the number stays legible.
                Color ink = Math.abs(v) / span > 0.6 ? Color.WHITE : Color.BLACK;
                main.setPaint(ink);
                main.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(main);
                if (!Double.isNaN(m.low()[r][c])) {
                    XYTextAnnotation band =
                            new XYTextAnnotation(
                                    "["
                                            + percent(m.low()[r][c])
                                            + ", "
                                            + percent(m.high()[r][c])
                                            + "]",
                                    c,
                                    r + 0.2);
                    band.setFont(ci);
                    band.setPaint(ink);
                    band.setTextAnchor(TextAnchor.CENTER);
                    plot.addAnnotation(band);
                }
            }
        }
        JFreeChart chart = new JFreeChart(m.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Blue (down) – white (0) – red (up), 21 steps, symmetric over ±span. */
    public static LookupPaintScale scale(double span) {
        LookupPaintScale s =
                new LookupPaintScale(-span, span * 1.0000001, new Color(0xEE, 0xEE, 0xEE));
        int steps = 10;
        for (int i = -steps; i <= steps; i++) {
            double t = i / (double) steps;
            s.add(span * (i - 0.5) / steps, blend(t));
        }
        return s;
    }

    private static Color blend(double t) {
        Color end = t < 0 ? new Color(0x21, 0x66, 0xAC) : new Color(0xB2, 0x18, 0x2B);
        double a = Math.min(1, Math.abs(t)) * 0.85;
        return new Color(
                (int) Math.round(255 + (end.getRed() - 255) * a),
                (int) Math.round(255 + (end.getGreen() - 255) * a),
                (int) Math.round(255 + (end.getBlue() - 255) * a));
    }

    public static String cellText(ChartSpec.Matrix m, int r, int c) {
        double v = m.percent()[r][c];
        if (Double.isNaN(v)) {
            return "—";
        }
        String ci =
                Double.isNaN(m.low()[r][c])
                        ? ""
                        : " [" + percent(m.low()[r][c]) + ", " + percent(m.high()[r][c]) + "]";
        return percent(v) + ci + (m.excludesZero(r, c) ? " *" : "");
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v);
    }
}

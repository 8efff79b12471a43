package org.heirloom.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.heirloom.stats.Calibration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Turns a {@link ChartSpec} into a JFreeChart with the house style at a given font size. */
public final class ChartRenderer {

    private static final String FONT_FAMILY = pickFontFamily();

    private ChartRenderer() {}

    /** DejaVu Sans where installed (the same glyphs on every machine), else the JDK's sans. */
    private static String pickFontFamily() {
        try {
            String[] names =
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
            return Arrays.asList(names).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
        } catch (Throwable e) {
            return Font.SANS_SERIF;
        }
    }

    public static JFreeChart render(ChartSpec spec, float fontPoints) {
        JFreeChart chart;
        if (spec instanceof ChartSpec.Bars b) {
            chart = bars(b);
        } else if (spec instanceof ChartSpec.Distribution d) {
            chart = distribution(d);
        } else if (spec instanceof ChartSpec.Lines l) {
            chart = lines(l);
        } else if (spec instanceof ChartSpec.Reliability r) {
            chart = reliability(r);
        } else if (spec instanceof ChartSpec.Matrix m) {
            chart = MatrixRenderer.render(m, fontPoints);
        } else {
            throw new IllegalArgumentException("unknown chart kind " + spec.getClass());
        }
        style(chart, fontPoints);
        return chart;
    }

    private static JFreeChart bars(ChartSpec.Bars spec) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int s = spec.series().size();
        double[][] low = new double[s][];
        double[][] high = new double[s][];
        double[][][] points = new double[s][][];
        for (int i = 0; i < s; i++) {
            ChartSpec.BarSeries series = spec.series().get(i);
            for (int c = 0; c < spec.categories().size(); c++) {
                double v = series.values()[c];
                // NaN (no value) leaves a gap rather than a bar of undefined height.
                data.addValue(
                        Double.isNaN(v) ? null : (Number) v,
                        series.name(),
                        spec.categories().get(c));
            }
            low[i] = series.low();
            high[i] = series.high();
            points[i] = series.points();
        }
        CiBarRenderer renderer = new CiBarRenderer(low, high, points);
        for (int i = 0; i < s; i++) {
            ChartSpec.BarSeries series = spec.series().get(i);
            renderer.setSeriesPaint(i, RolePalette.colour(series.role(), series.roleIndex()));
        }
        renderer.setDefaultToolTipGenerator(
                (dataset, row, column) -> {
                    ChartSpec.BarSeries series = spec.series().get(row);
                    return barTooltip(series, spec.categories().get(column), column);
                });
        NumberAxis valueAxis = new NumberAxis(spec.valueAxis());
        valueAxis.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), valueAxis, renderer);
        // Make sure whiskers and points fit: the range spans every bar, interval end and point.
        double min = 0;
        double max = 0;
        for (ChartSpec.BarSeries series : spec.series()) {
            for (double[] arr : List.of(series.values(), series.low(), series.high())) {
                for (double v : arr) {
                    if (!Double.isNaN(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (series.points() != null) {
                for (double[] pts : series.points()) {
                    for (double v : pts == null ? new double[0] : pts) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (max == min) {
            max = min + 1; // all zero: an empty but valid axis
        }
        double pad = (max - min) * 0.05;
        valueAxis.setRange(min < 0 ? min - pad : 0, max > 0 ? max + pad : 0);
        return new JFreeChart(spec.title(), plot);
    }

    public static String barTooltip(ChartSpec.BarSeries s, String category, int column) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.name()).append(" · ").append(category).append(": ");
        sb.append(String.format(Locale.ROOT, "%.4g", s.values()[column]));
        if (!Double.isNaN(s.low()[column])) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            " [95%% CI %.4g, %.4g]",
                            s.low()[column],
                            s.high()[column]));
        }
        if (s.n() != null && column < s.n().length) {
            sb.append(" (n = ").append(s.n()[column]).append(')');
        }
        return sb.toString();
    }

    private static JFreeChart distribution(ChartSpec.Distribution spec) {
        XYPlot plot;
        if (spec.kind() == ChartSpec.Distribution.Kind.HISTOGRAM) {
            ChartSpec.Histogram h = spec.histogram();
            XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
            for (int k = 0; k < spec.series().size(); k++) {
                ChartSpec.Sample s = spec.series().get(k);
                XYIntervalSeries series = new XYIntervalSeries(s.name(), false, true);
                int n = Arrays.stream(h.counts()[k]).sum();
                for (int b = 0; b < h.counts()[k].length; b++) {
                    double share = n == 0 ? 0 : (double) h.counts()[k][b] / n;
                    double lo = h.edges()[b];
                    double hi = h.edges()[b + 1];
                    series.add((lo + hi) / 2, lo, hi, share, share, share);
                }
                data.addSeries(series);
            }
            XYBarRenderer r = new XYBarRenderer();
            r.setShadowVisible(false);
            r.setBarPainter(new StandardXYBarPainter());
            r.setDrawBarOutline(true);
            for (int i = 0; i < spec.series().size(); i++) {
                ChartSpec.Sample s = spec.series().get(i);
                Color c = RolePalette.colour(s.role(), s.roleIndex());
                // Translucent fills with solid outlines: overlapping arms stay readable.
                r.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
                r.setSeriesOutlinePaint(i, c);
                r.setSeriesOutlineStroke(i, new BasicStroke(0.6f));
            }
            r.setDefaultToolTipGenerator(
                    (dataset, series, item) ->
                            histogramTooltip(spec.series().get(series).name(), h, series, item));
            NumberAxis y = new NumberAxis("share");
            y.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(Locale.ROOT));
            plot = new XYPlot(data, new NumberAxis(spec.xLabel()), y, r);
        } else {
            XYSeriesCollection data = new XYSeriesCollection();
            XYStepRenderer r = new XYStepRenderer();
            List<ChartSpec.Ecdf> steps = new ArrayList<>();
            for (int i = 0; i < spec.series().size(); i++) {
                ChartSpec.Sample s = spec.series().get(i);
                ChartSpec.Ecdf e = s.ecdf();
                steps.add(e);
                XYSeries series = new XYSeries(s.name(), false, true);
                if (e.n() > 0) {
                    series.add(e.x()[0], 0.0);
                    for (int k = 0; k < e.x().length; k++) {
                        series.add(e.x()[k], e.f()[k]);
                    }
                }
                data.addSeries(series);
                r.setSeriesPaint(i, RolePalette.colour(s.role(), s.roleIndex()));
                r.setSeriesStroke(i, new BasicStroke(1.2f));
            }
            r.setDefaultToolTipGenerator(
                    (dataset, series, item) -> {
                        ChartSpec.Ecdf e = steps.get(series);
                        // Item 0 is the step's foot at F = 0.
                        int k = Math.max(0, item - 1);
                        return ecdfTooltip(spec.series().get(series).name(), e, k);
                    });
            NumberAxis y = new NumberAxis("cumulative share");
            y.setRange(0, 1.02);
            plot = new XYPlot(data, new NumberAxis(spec.xLabel()), y, r);
        }
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        return new JFreeChart(spec.title(), plot);
    }

    public static String histogramTooltip(String name, ChartSpec.Histogram h, int series, int bin) {
        int n = Arrays.stream(h.counts()[series]).sum();
        int c = h.counts()[series][bin];
        return String.format(
                Locale.ROOT,
                "%s: [%.4g, %.4g%s %d of %d (%.1f%%)",
                name,
                h.edges()[bin],
                h.edges()[bin + 1],
                bin == h.counts()[series].length - 1 ? "]" : ")",
                c,
                n,
                n == 0 ? 0.0 : 100.0 * c / n);
    }

    public static String ecdfTooltip(String name, ChartSpec.Ecdf e, int k) {
        return String.format(
                Locale.ROOT, "%s: share ≤ %.4g = %.3f (n = %d)", name, e.x()[k], e.f()[k], e.n());
    }

    private static JFreeChart lines(ChartSpec.Lines spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        Set<String> inLegend = new HashSet<>();
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Line l = spec.series().get(i);
            // Unique keys (JFreeChart needs them); the legend shows each name once.
            XYSeries series = new XYSeries(i + ":" + l.name(), false, true);
            for (int k = 0; k < l.x().length; k++) {
                series.add(l.x()[k], l.y()[k]);
            }
            data.addSeries(series);
            r.setSeriesPaint(i, RolePalette.colour(l.role(), l.roleIndex()));
            r.setSeriesVisibleInLegend(i, inLegend.add(l.name()));
            r.setSeriesStroke(
                    i,
                    l.dashed()
                            ? new BasicStroke(
                                    1.2f,
                                    BasicStroke.CAP_BUTT,
                                    BasicStroke.JOIN_MITER,
                                    10f,
                                    new float[] {4f, 3f},
                                    0f)
                            : new BasicStroke(1.0f));
        }
        r.setLegendItemLabelGenerator((dataset, series) -> spec.series().get(series).name());
        r.setDefaultToolTipGenerator(
                (dataset, series, item) -> {
                    ChartSpec.Line l = spec.series().get(series);
                    return String.format(
                            Locale.ROOT,
                            "%s: %s %.6g, %s %.4g",
                            l.detail(),
                            spec.xLabel(),
                            l.x()[item],
                            spec.yLabel(),
                            l.y()[item]);
                });
        NumberAxis y = new NumberAxis(spec.yLabel());
        y.setAutoRangeIncludesZero(false);
        NumberAxis x = new NumberAxis(spec.xLabel());
        x.setAutoRangeIncludesZero(false);
        return new JFreeChart(spec.title(), new XYPlot(data, x, y, r));
    }

    private static JFreeChart reliability(ChartSpec.Reliability spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        XYSeries diagonal = new XYSeries("ideal");
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        data.addSeries(diagonal);
        r.setSeriesPaint(0, Color.GRAY);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesStroke(
                0,
                new BasicStroke(
                        0.8f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {3f, 3f},
                        0f));
        List<List<Calibration.Bin>> shown = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.ReliabilitySeries s = spec.series().get(i);
            XYSeries series = new XYSeries(legendLabel(s), false, true);
            List<Calibration.Bin> bins = new ArrayList<>();
            for (Calibration.Bin b : s.bins()) {
                if (b.count() > 0) {
                    series.add(b.meanConfidence(), b.accuracy());
                    bins.add(b);
                }
            }
            shown.add(bins);
            data.addSeries(series);
            Color c = RolePalette.colour(s.role(), s.roleIndex());
            r.setSeriesPaint(i + 1, c);
            r.setSeriesStroke(i + 1, new BasicStroke(1.2f));
            r.setSeriesShape(i + 1, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        r.setDefaultToolTipGenerator(
                (dataset, series, item) -> {
                    if (series == 0) {
                        return "ideal: accuracy = confidence";
                    }
                    Calibration.Bin b = shown.get(series - 1).get(item);
                    return String.format(
                            Locale.ROOT,
                            "%s: mean confidence %.3f, accuracy %.3f (n = %d)",
                            spec.series().get(series - 1).name(),
                            b.meanConfidence(),
                            b.accuracy(),
                            b.count());
                });
        NumberAxis x = new NumberAxis("confidence");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("accuracy");
        y.setRange(0, 1);
        return new JFreeChart(spec.title(), new XYPlot(data, x, y, r));
    }

    public static String legendLabel(ChartSpec.ReliabilitySeries s) {
        return Double.isNaN(s.ece())
                ? s.name()
                : String.format(Locale.ROOT, "%s (ECE %.3f)", s.name(), s.ece());
    }

    /** White background, light grid, fonts in points, legend at the bottom without a frame. */
    private static void style(JFreeChart chart, float pt) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(
                new TextTitle(
                        chart.getTitle() == null ? "" : chart.getTitle().getText(),
                        new Font(FONT_FAMILY, Font.BOLD, Math.round(pt + 1))));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(FONT_FAMILY, Font.PLAIN, Math.round(pt)));
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        Font label = new Font(FONT_FAMILY, Font.PLAIN, Math.round(pt));
        Font tick = new Font(FONT_FAMILY, Font.PLAIN, Math.round(pt - 1));
        if (chart.getPlot() instanceof CategoryPlot p) {
            // Long category names wrap (up to three lines) instead of being cut, and every
            // category's full name is its label's tooltip in the workbench.
            p.getDomainAxis().setMaximumCategoryLabelLines(3);
            if (p.getCategories() != null) {
                for (Object c : p.getCategories()) {
                    p.getDomainAxis().addCategoryLabelToolTip((Comparable<?>) c, c.toString());
                }
            }
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
            p.setOutlineVisible(false);
            p.getDomainAxis().setLabelFont(label);
            p.getDomainAxis().setTickLabelFont(tick);
            p.getRangeAxis().setLabelFont(label);
            p.getRangeAxis().setTickLabelFont(tick);
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
            p.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
            p.setOutlineVisible(false);
            p.getDomainAxis().setLabelFont(label);
            p.getDomainAxis().setTickLabelFont(tick);
            p.getRangeAxis().setLabelFont(label);
            p.getRangeAxis().setTickLabelFont(tick);
        }
    }

    /** Renders at the size of a figure preset. */
    public static JFreeChart render(ChartSpec spec, FigurePreset preset) {
        return render(spec, preset.fontPoints());
    }

    static List<String> fontFamilies() {
        return List.of(FONT_FAMILY);
    }
}

package org.heirloom.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.heirloom.stats.Calibration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
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
                data.addValue(series.values()[c], series.name(), spec.categories().get(c));
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
        // Make sure whiskers fit: widen the range to the highest interval end.
        double top =
                Arrays.stream(high)
                        .flatMapToDouble(Arrays::stream)
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(Double.NaN);
        double bottom =
                Arrays.stream(low)
                        .flatMapToDouble(Arrays::stream)
                        .filter(v -> !Double.isNaN(v))
                        .min()
                        .orElse(Double.NaN);
        if (!Double.isNaN(top)) {
            double min = Math.min(0, bottom);
            double max = Math.max(top, 0);
            double pad = (max - min) * 0.05;
            valueAxis.setRange(min < 0 ? min - pad : 0, max + pad);
        }
        return new JFreeChart(spec.title(), plot);
    }

    static String barTooltip(ChartSpec.BarSeries s, String category, int column) {
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
            HistogramDataset data = new HistogramDataset();
            data.setType(HistogramType.RELATIVE_FREQUENCY);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ChartSpec.Sample s : spec.series()) {
                for (double v : s.values()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min == max) {
                max = min + 1;
            }
            for (ChartSpec.Sample s : spec.series()) {
                // Shared bin edges so that models are comparable bar by bar.
                data.addSeries(s.name(), s.values(), spec.bins(), min, max);
            }
            XYBarRenderer r = new XYBarRenderer();
            r.setShadowVisible(false);
            r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
            for (int i = 0; i < spec.series().size(); i++) {
                ChartSpec.Sample s = spec.series().get(i);
                Color c = RolePalette.colour(s.role(), s.roleIndex());
                r.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
            }
            r.setDefaultToolTipGenerator(
                    (dataset, series, item) ->
                            String.format(
                                    Locale.ROOT,
                                    "%s: [%.3g, %.3g) %.1f%% (n = %d)",
                                    spec.series().get(series).name(),
                                    ((HistogramDataset) dataset).getStartXValue(series, item),
                                    ((HistogramDataset) dataset).getEndXValue(series, item),
                                    100 * dataset.getYValue(series, item),
                                    spec.series().get(series).values().length));
            plot = new XYPlot(data, new NumberAxis(spec.xLabel()), new NumberAxis("share"), r);
        } else {
            XYSeriesCollection data = new XYSeriesCollection();
            XYStepRenderer r = new XYStepRenderer();
            for (int i = 0; i < spec.series().size(); i++) {
                ChartSpec.Sample s = spec.series().get(i);
                XYSeries series = new XYSeries(s.name(), false, true);
                double[] sorted = s.values().clone();
                Arrays.sort(sorted);
                series.add(sorted.length == 0 ? 0 : sorted[0], 0.0);
                for (int k = 0; k < sorted.length; k++) {
                    series.add(sorted[k], (k + 1.0) / sorted.length);
                }
                data.addSeries(series);
                r.setSeriesPaint(i, RolePalette.colour(s.role(), s.roleIndex()));
                r.setSeriesStroke(i, new BasicStroke(1.2f));
            }
            NumberAxis y = new NumberAxis("cumulative share");
            y.setRange(0, 1.02);
            plot = new XYPlot(data, new NumberAxis(spec.xLabel()), y, r);
        }
        return new JFreeChart(spec.title(), plot);
    }

    private static JFreeChart lines(ChartSpec.Lines spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Line l = spec.series().get(i);
            XYSeries series = new XYSeries(l.name(), false, true);
            for (int k = 0; k < l.x().length; k++) {
                series.add(l.x()[k], l.y()[k]);
            }
            data.addSeries(series);
            r.setSeriesPaint(i, RolePalette.colour(l.role(), l.roleIndex()));
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
                            : new BasicStroke(1.2f));
        }
        NumberAxis y = new NumberAxis(spec.yLabel());
        y.setAutoRangeIncludesZero(false);
        return new JFreeChart(spec.title(), new XYPlot(data, new NumberAxis(spec.xLabel()), y, r));
    }

    private static JFreeChart reliability(ChartSpec.Reliability spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        XYSeries diagonal = new XYSeries("perfect calibration");
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
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.ReliabilitySeries s = spec.series().get(i);
            XYSeries series = new XYSeries(s.name(), false, true);
            for (Calibration.Bin b : s.bins()) {
                if (b.count() > 0) {
                    series.add(b.meanConfidence(), b.accuracy());
                }
            }
            data.addSeries(series);
            r.setSeriesPaint(i + 1, RolePalette.colour(s.role(), s.roleIndex()));
        }
        NumberAxis x = new NumberAxis("confidence");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("accuracy");
        y.setRange(0, 1);
        return new JFreeChart(spec.title(), new XYPlot(data, x, y, r));
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

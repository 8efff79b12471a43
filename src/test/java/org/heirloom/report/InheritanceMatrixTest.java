package org.heirloom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.profile.compare.ProfileComparison;
import org.heirloom.report.chart.ChartRenderer;
import org.heirloom.report.chart.ChartSpec;
import org.heirloom.report.chart.FigureExporter;
import org.heirloom.report.chart.FigureFormat;
import org.heirloom.report.chart.FigurePreset;
import org.heirloom.report.chart.MatrixRenderer;
import org.heirloom.report.table.Table;
import org.heirloom.stats.Estimate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inheritance matrix from hand-made comparison reports. */
class InheritanceMatrixTest {

    @TempDir Path dir;

    /** An attribute where each arm has the given % change [low, high] against the baseline. */
    private static ProfileComparison.Attribute attr(String name, Object... armPct) {
        Map<String, ProfileComparison.Versus> vs = new LinkedHashMap<>();
        for (int i = 0; i < armPct.length; i += 2) {
            double[] p = (double[]) armPct[i + 1];
            vs.put(
                    (String) armPct[i],
                    new ProfileComparison.Versus(
                            10,
                            10 + p[0] / 10,
                            null,
                            new Estimate(p[0], p[1], p[2], 0.95, 20),
                            0.5,
                            0.5,
                            false,
                            "hierarchical bootstrap",
                            20));
        }
        return new ProfileComparison.Attribute(name, Map.of(), vs, Map.of());
    }

    @Test
    void oneComparisonReadsPlainlyWithArmsAsRowsAndAttributesAsColumns() {
        ProfileComparison.Report r =
                new ProfileComparison.Report(
                        "text",
                        List.of("random", "long", "clean"),
                        List.of(
                                attr(
                                        "words",
                                        "long",
                                        new double[] {66.3, 46.9, 82.3},
                                        "clean",
                                        new double[] {-10.7, -26.4, 4.8}),
                                attr("toxicity", "long", new double[] {27.5, 12, 42.7})),
                        List.of());
        ChartSpec.Matrix m =
                InheritanceMatrix.build(List.of(new InheritanceMatrix.Source("steering", r)));
        assertEquals(List.of("long", "clean"), m.rows());
        assertEquals(List.of("words", "toxicity"), m.columns());
        assertEquals(66.3, m.percent()[0][0], 0);
        assertTrue(m.excludesZero(0, 0));
        assertFalse(m.excludesZero(1, 0), "[-26.4, 4.8] contains 0");
        assertTrue(Double.isNaN(m.percent()[1][1]), "clean has no toxicity value");
        assertEquals("Inheritance matrix: % change vs random (95% CI; * excludes 0)", m.title());

        Table t = InheritanceMatrix.table(m);
        assertEquals(List.of("arm", "words", "toxicity"), t.header());
        assertEquals(
                List.of("long", "+66.3% [+46.9%, +82.3%] *", "+27.5% [+12.0%, +42.7%] *"),
                t.rows().get(0));
        assertEquals(List.of("clean", "-10.7% [-26.4%, +4.8%]", "—"), t.rows().get(1));
    }

    @Test
    void severalComparisonsAndSuitesArePrefixedSoEveryStoredComparisonIsCovered() {
        ProfileComparison.Report text =
                new ProfileComparison.Report(
                        "text",
                        List.of("random", "long"),
                        List.of(attr("words", "long", new double[] {5, 1, 9})),
                        List.of());
        ProfileComparison.Report tox =
                new ProfileComparison.Report(
                        "toxicity",
                        List.of("base", "clean"),
                        List.of(attr("max_toxicity", "clean", new double[] {-20, -30, -10})),
                        List.of());
        ChartSpec.Matrix m =
                InheritanceMatrix.build(
                        List.of(
                                new InheritanceMatrix.Source("a", text),
                                new InheritanceMatrix.Source("b", tox)));
        assertEquals(List.of("a: long", "b: clean"), m.rows());
        assertEquals(List.of("text: words", "toxicity: max_toxicity"), m.columns());
        assertEquals(-20, m.percent()[1][1], 0);
        assertTrue(Double.isNaN(m.percent()[0][1]));
        assertEquals(
                "Inheritance matrix: % change vs random, base (95% CI; * excludes 0)", m.title());
    }

    @Test
    void noArmBesidesTheBaselineMeansNoMatrix() {
        ProfileComparison.Report r =
                new ProfileComparison.Report("text", List.of("random"), List.of(), List.of());
        assertNull(InheritanceMatrix.build(List.of(new InheritanceMatrix.Source("x", r))));
        assertNull(InheritanceMatrix.build(List.of()));
    }

    @Test
    void rendersOneCellPerValueAndExportsInEveryFormat() throws Exception {
        ChartSpec.Matrix m =
                new ChartSpec.Matrix(
                        "m",
                        List.of("a", "b"),
                        List.of("x"),
                        new double[][] {{10}, {-40}},
                        new double[][] {{-1}, {-50}},
                        new double[][] {{20}, {-30}});
        JFreeChart chart = ChartRenderer.render(m, 10f);
        XYPlot plot = (XYPlot) chart.getPlot();
        assertEquals(2, plot.getDataset().getItemCount(0));
        // Value and CI per cell: two cells, four labels.
        assertEquals(4, plot.getAnnotations().size());
        // Diverging and symmetric: -40 is the deepest blue, +10 a light red, 0 white.
        var scale = MatrixRenderer.scale(40);
        java.awt.Color down = (java.awt.Color) scale.getPaint(-40);
        java.awt.Color up = (java.awt.Color) scale.getPaint(10);
        java.awt.Color zero = (java.awt.Color) scale.getPaint(0);
        assertTrue(down.getBlue() > down.getRed(), down.toString());
        assertTrue(up.getRed() > up.getBlue(), up.toString());
        assertEquals(java.awt.Color.WHITE, zero);
        for (FigureFormat f : FigureFormat.values()) {
            Path out = dir.resolve("m." + f.name().toLowerCase(java.util.Locale.ROOT));
            FigureExporter.export(m, FigurePreset.DOUBLE, f, out);
            assertTrue(Files.size(out) > 0, f.name());
        }
    }

    @Test
    void longCategoryNamesWrapAndKeepTheirFullNameAsTooltip() {
        String longName = "a-very-long-selection-name-that-would-be-cut";
        ChartSpec.Bars bars =
                new ChartSpec.Bars(
                        "b",
                        "v",
                        List.of("words", longName),
                        List.of(
                                new ChartSpec.BarSeries(
                                        "s",
                                        ModelRole.BASELINE_STUDENT,
                                        0,
                                        new double[] {1, 2},
                                        new double[] {Double.NaN, Double.NaN},
                                        new double[] {Double.NaN, Double.NaN},
                                        new int[] {1, 1})));
        org.jfree.chart.plot.CategoryPlot plot =
                (org.jfree.chart.plot.CategoryPlot) ChartRenderer.render(bars, 10f).getPlot();
        assertEquals(3, plot.getDomainAxis().getMaximumCategoryLabelLines());
        assertEquals(longName, plot.getDomainAxis().getCategoryLabelToolTip(longName));
    }
}

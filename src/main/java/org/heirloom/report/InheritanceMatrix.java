package org.heirloom.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.profile.compare.ProfileComparison;
import org.heirloom.report.chart.ChartSpec;
import org.heirloom.report.chart.Figure;
import org.heirloom.report.chart.MatrixRenderer;
import org.heirloom.report.table.Table;
import org.heirloom.stats.Estimate;

/**
 * The paper's summary of active inheritance: rows are arms (each against its comparison's
 * baseline), columns are attributes, cells the % change of the arm's mean vs the baseline with its
 * 95% CI. It covers every stored comparison: rows and columns are prefixed with the comparison and
 * the suite only where more than one of them is present, so a one-comparison project reads plainly.
 */
public final class InheritanceMatrix {

    /** One stored comparison's report, under its name. */
    public record Source(String name, ProfileComparison.Report report) {}

    private InheritanceMatrix() {}

    /** The matrix, or null when no comparison has an arm besides its baseline. */
    public static ChartSpec.Matrix build(List<Source> sources) {
        boolean manyComparisons = sources.stream().map(Source::name).distinct().count() > 1;
        boolean manySuites = sources.stream().map(s -> s.report().suite()).distinct().count() > 1;
        Set<String> columns = new LinkedHashSet<>();
        List<String> rows = new ArrayList<>();
        List<Map<String, Estimate>> cells = new ArrayList<>();
        // Each comparison contributes its non-baseline arms as rows.
        for (Source s : sources) {
            ProfileComparison.Report r = s.report();
            for (String arm : r.arms().subList(1, r.arms().size())) {
                String row = manyComparisons ? s.name() + ": " + arm : arm;
                int at = rows.indexOf(row);
                if (at < 0) {
                    rows.add(row);
                    cells.add(new java.util.HashMap<>());
                    at = rows.size() - 1;
                }
                for (ProfileComparison.Attribute a : r.attributes()) {
                    String col = manySuites ? r.suite() + ": " + a.name() : a.name();
                    columns.add(col);
                    ProfileComparison.Versus v = a.versusBaseline().get(arm);
                    if (v != null && v.percentChange() != null) {
                        cells.get(at).put(col, v.percentChange());
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        List<String> cols = List.copyOf(columns);
        double[][] pct = new double[rows.size()][cols.size()];
        double[][] lo = new double[rows.size()][cols.size()];
        double[][] hi = new double[rows.size()][cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                Estimate e = cells.get(i).get(cols.get(j));
                pct[i][j] = e == null ? Double.NaN : e.value();
                lo[i][j] = e == null ? Double.NaN : e.low();
                hi[i][j] = e == null ? Double.NaN : e.high();
            }
        }
        String baselines =
                String.join(
                        ", ",
                        sources.stream().map(s -> s.report().arms().get(0)).distinct().toList());
        return new ChartSpec.Matrix(
                "Inheritance matrix: % change vs " + baselines + " (95% CI; * excludes 0)",
                rows,
                cols,
                pct,
                lo,
                hi);
    }

    /** The matrix as a figure of the dashboard. */
    public static Figure figure(ChartSpec.Matrix m) {
        return new Figure(
                "inheritance-matrix",
                "Inheritance matrix: each arm's % change vs its baseline per attribute, with 95% CI"
                        + " (* where the CI excludes 0)",
                null,
                null,
                m);
    }

    /** The same numbers as a table (CSV, LaTeX, Markdown): one row per arm. */
    public static Table table(ChartSpec.Matrix m) {
        List<String> header = new ArrayList<>();
        header.add("arm");
        header.addAll(m.columns());
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < m.rows().size(); r++) {
            List<String> row = new ArrayList<>();
            row.add(m.rows().get(r));
            for (int c = 0; c < m.columns().size(); c++) {
                row.add(MatrixRenderer.cellText(m, r, c));
            }
            rows.add(row);
        }
        return new Table(m.title(), header, rows);
    }
}

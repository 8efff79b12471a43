package org.heirloom.report.chart;

import java.util.List;
import org.heirloom.report.ModelRole;
import org.heirloom.stats.Calibration;

/**
 * A chart as data: what to show, not how. The same specification renders in the workbench and in
 * exported figures, and is what the chart index of {@code export-charts} describes.
 */
public sealed interface ChartSpec {

    String title();

    /** Grouped bars (one group per attribute, one bar per model) with confidence intervals. */
    record Bars(String title, String valueAxis, List<String> categories, List<BarSeries> series)
            implements ChartSpec {
        public Bars {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            for (BarSeries s : series) {
                if (s.values().length != categories.size()) {
                    throw new IllegalArgumentException(
                            "series "
                                    + s.name()
                                    + " has "
                                    + s.values().length
                                    + " values for "
                                    + categories.size()
                                    + " categories");
                }
            }
        }
    }

    /**
     * One model's bars.
     *
     * @param low lower CI ends (NaN where none), parallel to values
     * @param high upper CI ends (NaN where none)
     * @param n sample size behind each value, for tooltips
     * @param points per category, individual points drawn over the bar (e.g. each replicate's
     *     mean), or null
     */
    record BarSeries(
            String name,
            ModelRole role,
            int roleIndex,
            double[] values,
            double[] low,
            double[] high,
            int[] n,
            double[][] points) {

        public BarSeries(
                String name,
                ModelRole role,
                int roleIndex,
                double[] values,
                double[] low,
                double[] high,
                int[] n) {
            this(name, role, roleIndex, values, low, high, n, null);
        }
    }

    /**
     * Distributions of one attribute: histogram (shared bin edges, share of each series per bin) or
     * empirical CDF (step lines).
     */
    record Distribution(String title, String xLabel, Kind kind, int bins, List<Sample> series)
            implements ChartSpec {
        /** How to draw the distribution. */
        public enum Kind {
            HISTOGRAM,
            ECDF
        }

        public Distribution {
            series = List.copyOf(series);
            if (kind == Kind.HISTOGRAM && bins < 1) {
                throw new IllegalArgumentException("a histogram needs at least one bin");
            }
        }

        /**
         * Equal-width bins over the range of all series (so that series compare bin by bin); a
         * value on an inner edge goes to the bin above it, the maximum to the last bin.
         */
        public Histogram histogram() {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Sample s : series) {
                for (double v : s.values()) {
                    if (!Double.isNaN(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (min == Double.POSITIVE_INFINITY) {
                min = 0;
                max = 1;
            } else if (min == max) {
                min -= 0.5;
                max += 0.5;
            }
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = min + (max - min) * i / bins;
            }
            int[][] counts = new int[series.size()][bins];
            for (int k = 0; k < series.size(); k++) {
                for (double v : series.get(k).values()) {
                    if (!Double.isNaN(v)) {
                        int b = (int) Math.floor((v - min) / (max - min) * bins);
                        counts[k][Math.min(Math.max(b, 0), bins - 1)]++;
                    }
                }
            }
            return new Histogram(edges, counts);
        }
    }

    /**
     * Histogram counts.
     *
     * @param edges bin edges, one more than bins
     * @param counts per series, per bin
     */
    record Histogram(double[] edges, int[][] counts) {}

    /** One model's values. */
    record Sample(String name, ModelRole role, int roleIndex, double[] values) {

        /** Observed values, NaN left out, sorted. */
        public double[] sorted() {
            return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        }

        /**
         * The empirical CDF as steps: at each distinct value x, the share of values ≤ x. Ties make
         * one step.
         */
        public Ecdf ecdf() {
            double[] v = sorted();
            List<Double> xs = new java.util.ArrayList<>();
            List<Double> fs = new java.util.ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (i + 1 < v.length && v[i + 1] == v[i]) {
                    continue;
                }
                xs.add(v[i]);
                fs.add((i + 1.0) / v.length);
            }
            return new Ecdf(
                    xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    fs.stream().mapToDouble(Double::doubleValue).toArray(),
                    v.length);
        }
    }

    /**
     * Empirical CDF steps.
     *
     * @param x distinct values in increasing order
     * @param f share of values ≤ each x
     * @param n number of values
     */
    record Ecdf(double[] x, double[] f, int n) {}

    /** Lines over x, e.g. training loss over steps. */
    record Lines(String title, String xLabel, String yLabel, List<Line> series)
            implements ChartSpec {
        public Lines {
            series = List.copyOf(series);
        }
    }

    /**
     * One line; dashed for held-out curves. Lines of one name share one legend entry (e.g. the
     * replicates of an arm); {@code detail} tells them apart in tooltips.
     */
    record Line(
            String name,
            String detail,
            ModelRole role,
            int roleIndex,
            double[] x,
            double[] y,
            boolean dashed) {}

    /** Reliability diagram: accuracy against confidence per bin, with the diagonal. */
    record Reliability(String title, List<ReliabilitySeries> series) implements ChartSpec {
        public Reliability {
            series = List.copyOf(series);
        }
    }

    /**
     * One model's calibration bins.
     *
     * @param ece its expected calibration error over these bins (shown in the legend)
     */
    record ReliabilitySeries(
            String name, ModelRole role, int roleIndex, List<Calibration.Bin> bins, double ece) {}

    /**
     * A matrix of % changes against a baseline: one row per arm, one column per attribute, each
     * cell coloured on a diverging scale with its CI (the inheritance matrix). NaN where a row has
     * no value for a column.
     *
     * @param percent [row][column] % change vs the row's baseline
     * @param low lower CI ends, same shape
     * @param high upper CI ends, same shape
     */
    record Matrix(
            String title,
            List<String> rows,
            List<String> columns,
            double[][] percent,
            double[][] low,
            double[][] high)
            implements ChartSpec {
        public Matrix {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            for (double[][] a : List.of(percent, low, high)) {
                if (a.length != rows.size()) {
                    throw new IllegalArgumentException("matrix: one row of values per row label");
                }
                for (double[] r : a) {
                    if (r.length != columns.size()) {
                        throw new IllegalArgumentException(
                                "matrix: one value per column in every row");
                    }
                }
            }
        }

        /** Whether the cell's CI excludes 0 (marked in the figure and the table). */
        public boolean excludesZero(int row, int column) {
            return low[row][column] > 0 || high[row][column] < 0;
        }
    }
}

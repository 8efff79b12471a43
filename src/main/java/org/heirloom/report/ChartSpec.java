package org.heirloom.report;

import java.util.List;
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

    /** Distributions of one attribute: histogram or empirical CDF. */
    record Distribution(String title, String xLabel, Kind kind, int bins, List<Sample> series)
            implements ChartSpec {
        /** How to draw the distribution. */
        public enum Kind {
            HISTOGRAM,
            ECDF
        }

        public Distribution {
            series = List.copyOf(series);
        }
    }

    /** One model's values. */
    record Sample(String name, ModelRole role, int roleIndex, double[] values) {}

    /** Lines over x, e.g. training loss over steps. */
    record Lines(String title, String xLabel, String yLabel, List<Line> series)
            implements ChartSpec {
        public Lines {
            series = List.copyOf(series);
        }
    }

    /** One line; dashed for held-out curves. */
    record Line(
            String name, ModelRole role, int roleIndex, double[] x, double[] y, boolean dashed) {}

    /** Reliability diagram: accuracy against confidence per bin, with the diagonal. */
    record Reliability(String title, List<ReliabilitySeries> series) implements ChartSpec {
        public Reliability {
            series = List.copyOf(series);
        }
    }

    /** One model's calibration bins. */
    record ReliabilitySeries(
            String name, ModelRole role, int roleIndex, List<Calibration.Bin> bins) {}
}

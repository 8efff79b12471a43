package org.heirloom.ui.generations;

import java.util.Locale;
import java.util.Optional;
import org.heirloom.report.ChartSpec;
import org.heirloom.report.Figure;

/**
 * What a click on a chart opens: the generations behind a bar, bin or ECDF step (one arm, a metric
 * range, sorted by that metric), or the candidates behind a pool-vs-selected bar (kept or all).
 * Built from the chart's data, so a test checks it without a window.
 *
 * @param target which view opens
 * @param suite the profile suite (generations), or null
 * @param arm the arm (series) clicked, or null for every arm
 * @param metric the attribute shown; the rows are sorted by it, largest first
 * @param min lower end of the range (NaN: open)
 * @param max upper end of the range (NaN: open)
 * @param selection the selection (candidates), or null
 * @param keptOnly candidates: only those the selection keeps
 */
public record DrillDown(
        Target target,
        String suite,
        String arm,
        String metric,
        double min,
        double max,
        String selection,
        boolean keptOnly) {

    public enum Target {
        GENERATIONS,
        CANDIDATES
    }

    /** What a click shows, for the chart's tooltip. */
    public String describe() {
        String range = "";
        if (!Double.isNaN(min) || !Double.isNaN(max)) {
            range =
                    Double.isNaN(min)
                            ? String.format(Locale.ROOT, " with %s ≤ %.4g", metric, max)
                            : Double.isNaN(max)
                                    ? String.format(Locale.ROOT, " with %s ≥ %.4g", metric, min)
                                    : String.format(
                                            Locale.ROOT,
                                            " with %s in [%.4g, %.4g]",
                                            metric,
                                            min,
                                            max);
        }
        if (target == Target.CANDIDATES) {
            return "Click: the candidates of selection "
                    + selection
                    + (keptOnly ? " it keeps" : " (kept ones marked)")
                    + ", by "
                    + metric;
        }
        return "Click: "
                + (arm == null ? "every arm's" : arm + "'s")
                + " generations"
                + range
                + ", largest "
                + metric
                + " first";
    }

    /**
     * The drill-down behind item {@code item} of series {@code series} of a dashboard figure: a bar
     * (arm × attribute) of a generation suite, a histogram bin, an ECDF step, or a pool-vs-
     * selected bar. Empty where a click has nothing to open (% change, reliability, lines, the
     * matrix).
     *
     * @param series the series index (an arm; on pool-vs-selected, 0 = all candidates, 1 = kept)
     * @param item the category (bars), bin (histogram) or point (ECDF, 0 = the step's foot)
     * @param selections on pool-vs-selected bars, the selection name behind each category (the
     *     charts label categories by arm where one was trained on it)
     */
    public static Optional<DrillDown> of(
            Figure f, int series, int item, java.util.function.UnaryOperator<String> selections) {
        if (f.attribute() == null) {
            return Optional.empty();
        }
        if (f.suite() == null && f.spec() instanceof ChartSpec.Bars b) {
            // Pool vs selected: categories are selections, series all / kept.
            if (item < 0 || item >= b.categories().size()) {
                return Optional.empty();
            }
            return Optional.of(
                    new DrillDown(
                            Target.CANDIDATES,
                            null,
                            null,
                            f.attribute(),
                            Double.NaN,
                            Double.NaN,
                            selections.apply(b.categories().get(item)),
                            series == 1));
        }
        if (f.suite() == null
                || !org.heirloom.profile.GenerationArms.GENERATION_SUITES.contains(f.suite())) {
            return Optional.empty();
        }
        if (f.spec() instanceof ChartSpec.Bars b && b.categories().size() == 1) {
            if (series < 0 || series >= b.series().size()) {
                return Optional.empty();
            }
            return Optional.of(
                    generations(f, b.series().get(series).name(), Double.NaN, Double.NaN));
        }
        if (f.spec() instanceof ChartSpec.Distribution d
                && series >= 0
                && series < d.series().size()) {
            String arm = d.series().get(series).name();
            if (d.kind() == ChartSpec.Distribution.Kind.HISTOGRAM) {
                double[] edges = d.histogram().edges();
                if (item < 0 || item + 1 >= edges.length) {
                    return Optional.empty();
                }
                return Optional.of(generations(f, arm, edges[item], edges[item + 1]));
            }
            ChartSpec.Ecdf e = d.series().get(series).ecdf();
            if (e.n() == 0) {
                return Optional.empty();
            }
            // Point k > 0 is the step at x[k-1]: the generations up to it.
            int k = Math.max(0, Math.min(e.x().length - 1, item - 1));
            return Optional.of(generations(f, arm, Double.NaN, e.x()[k]));
        }
        return Optional.empty();
    }

    private static DrillDown generations(Figure f, String arm, double min, double max) {
        return new DrillDown(
                Target.GENERATIONS, f.suite(), arm, f.attribute(), min, max, null, false);
    }
}

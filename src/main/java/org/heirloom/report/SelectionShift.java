package org.heirloom.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.heirloom.select.SelectionSummaries;
import org.heirloom.select.SelectionSummaries.Shift;
import org.heirloom.stats.Estimate;

/**
 * Figures and a table of what selections do to metrics ({@link SelectionSummaries}): pool against
 * kept means per metric, and per selection the pool and kept distributions.
 */
public final class SelectionShift {

    private SelectionShift() {}

    /**
     * Per metric, bars of pool and kept means per selection; per selection, histograms of the pool
     * against the kept candidates for the metrics its strategy names (all metrics when it names
     * none of them, e.g. random).
     */
    public static List<Figure> figures(List<Shift> shifts) {
        List<Figure> out = new ArrayList<>();
        Map<String, List<Shift>> byMetric = new LinkedHashMap<>();
        shifts.forEach(s -> byMetric.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s));
        byMetric.forEach(
                (metric, list) -> {
                    List<String> categories = list.stream().map(Shift::selection).toList();
                    out.add(
                            new Figure(
                                    ComparisonFigures.safe("selection-" + metric + "-means"),
                                    "selections: mean "
                                            + metric
                                            + " over all candidates (pool) and over the kept"
                                            + " ones, per selection, with 95% CI",
                                    null,
                                    metric,
                                    new ChartSpec.Bars(
                                            metric + ": pool vs selected",
                                            "mean (95% CI)",
                                            categories,
                                            List.of(
                                                    bars(
                                                            "all candidates",
                                                            ModelRole.TEACHER,
                                                            0,
                                                            list,
                                                            Shift::pool),
                                                    bars(
                                                            "selected",
                                                            ModelRole.STEERED_STUDENT,
                                                            0,
                                                            list,
                                                            Shift::selected)))));
                });
        Map<String, Set<String>> metricsOfSelection = new LinkedHashMap<>();
        for (Shift s : shifts) {
            metricsOfSelection.computeIfAbsent(s.selection(), k -> new TreeSet<>()).add(s.metric());
        }
        for (Shift s : shifts) {
            Set<String> named = namedMetrics(s.strategy(), metricsOfSelection.get(s.selection()));
            if (!named.isEmpty() && !named.contains(s.metric())) {
                continue;
            }
            ModelRole keptRole =
                    ArmRoles.byName(s.selection() + " " + s.strategy())
                                    == ModelRole.BASELINE_STUDENT
                            ? ModelRole.BASELINE_STUDENT
                            : ModelRole.STEERED_STUDENT;
            out.add(
                    new Figure(
                            ComparisonFigures.safe(
                                    "selection-" + s.selection() + "-" + s.metric() + "-histogram"),
                            "selection "
                                    + s.selection()
                                    + " ("
                                    + s.strategy()
                                    + "): "
                                    + s.metric()
                                    + " over all candidates vs the kept ones; mean shift "
                                    + fmt(s.shift()),
                            null,
                            s.metric(),
                            new ChartSpec.Distribution(
                                    s.selection()
                                            + ": "
                                            + s.metric()
                                            + " (shift "
                                            + fmtShort(s.shift())
                                            + ")",
                                    s.metric(),
                                    ChartSpec.Distribution.Kind.HISTOGRAM,
                                    ProfileFigures.bins(Map.of("pool", s.poolValues())),
                                    List.of(
                                            new ChartSpec.Sample(
                                                    "all candidates",
                                                    ModelRole.TEACHER,
                                                    0,
                                                    s.poolValues()),
                                            new ChartSpec.Sample(
                                                    "selected",
                                                    keptRole,
                                                    0,
                                                    s.selectedValues())))));
        }
        return out;
    }

    /** Scored metrics whose names appear as words of the strategy ({@code max:words}). */
    static Set<String> namedMetrics(String strategy, Set<String> metrics) {
        Set<String> out = new TreeSet<>();
        for (String token : strategy.split("[^A-Za-z0-9_]+")) {
            if (metrics.contains(token)) {
                out.add(token);
            }
        }
        return out;
    }

    private static ChartSpec.BarSeries bars(
            String name,
            ModelRole role,
            int index,
            List<Shift> list,
            java.util.function.Function<Shift, Estimate> f) {
        int c = list.size();
        double[] v = new double[c];
        double[] lo = new double[c];
        double[] hi = new double[c];
        int[] n = new int[c];
        for (int i = 0; i < c; i++) {
            Estimate e = f.apply(list.get(i));
            v[i] = e.value();
            lo[i] = e.low();
            hi[i] = e.high();
            n[i] = e.n();
        }
        return new ChartSpec.BarSeries(name, role, index, v, lo, hi, n);
    }

    public static Table table(List<Shift> shifts) {
        List<List<String>> rows = new ArrayList<>();
        for (Shift s : shifts) {
            rows.add(
                    List.of(
                            s.selection(),
                            s.strategy(),
                            s.metric(),
                            fmt(s.pool()),
                            Integer.toString(s.pool().n()),
                            fmt(s.selected()),
                            Integer.toString(s.selected().n()),
                            String.format(
                                    Locale.ROOT,
                                    "%+.3g [%+.3g, %+.3g]",
                                    s.shift().value(),
                                    s.shift().low(),
                                    s.shift().high())));
        }
        return new Table(
                "Pool vs selected: mean over all candidates and over the kept ones [95% CI]; shift ="
                        + " mean over prompts of kept − prompt's candidate mean",
                List.of(
                        "selection",
                        "strategy",
                        "metric",
                        "pool mean [95% CI]",
                        "candidates",
                        "selected mean [95% CI]",
                        "prompts",
                        "shift [95% CI]"),
                rows);
    }

    private static String fmt(Estimate e) {
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", e.value(), e.low(), e.high());
    }

    private static String fmtShort(Estimate e) {
        return String.format(Locale.ROOT, "%+.3g", e.value());
    }
}

package org.heirloom.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.heirloom.project.MetricRef;
import org.heirloom.project.Project;
import org.heirloom.project.ScoreRepository;
import org.heirloom.project.SelectedRow;
import org.heirloom.project.SelectionRecord;
import org.heirloom.project.SelectionRepository;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;

/**
 * What a selection does to a metric: its distribution over every candidate of the run (the pool)
 * against the candidates the selection keeps, and the shift of the mean. The shift is the mean over
 * prompts of (kept value − mean of that prompt's candidates), with a bootstrap CI over prompts: it
 * is the selection differential that steering passes on to the student.
 */
public final class SelectionShift {

    private SelectionShift() {}

    /**
     * One selection on one metric.
     *
     * @param pool mean over all scored candidates of the run (n = candidates)
     * @param selected mean over the kept candidates (n = prompts)
     * @param shift mean per-prompt difference kept − prompt's pool mean (n = prompts)
     * @param poolValues every candidate's value
     * @param selectedValues every kept candidate's value
     */
    public record Shift(
            String selection,
            String strategy,
            String metric,
            Estimate pool,
            Estimate selected,
            Estimate shift,
            double[] poolValues,
            double[] selectedValues) {}

    /** Every selection of the project on every metric scored in its run, in creation order. */
    public static List<Shift> compute(Project project) {
        SelectionRepository selections = new SelectionRepository(project);
        ScoreRepository scores = new ScoreRepository(project);
        List<Shift> out = new ArrayList<>();
        for (SelectionRecord sel : selections.list()) {
            Map<Long, Long> keptByCandidate = new HashMap<>(); // kept candidate → its prompt
            for (SelectedRow r : selections.rows(sel.id())) {
                keptByCandidate.put(r.candidateId(), r.promptId());
            }
            for (MetricRef metric : scores.scoredMetrics(sel.runId()).values()) {
                Shift s = shift(sel, metric, scores, keptByCandidate);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Null where no prompt has both a kept value and pool values. */
    private static Shift shift(
            SelectionRecord sel,
            MetricRef metric,
            ScoreRepository scores,
            Map<Long, Long> keptByCandidate) {
        DoubleList pool = new DoubleList();
        DoubleList selected = new DoubleList();
        DoubleList diffs = new DoubleList();
        // Scores arrive grouped by prompt: the group's pool mean is known when the next begins.
        double[] group = new double[2]; // sum, count of the current prompt's defined values
        DoubleList keptInGroup = new DoubleList();
        long[] current = {Long.MIN_VALUE};
        Runnable close =
                () -> {
                    if (group[1] > 0) {
                        double mean = group[0] / group[1];
                        for (int i = 0; i < keptInGroup.size; i++) {
                            selected.add(keptInGroup.values[i]);
                            diffs.add(keptInGroup.values[i] - mean);
                        }
                    }
                    group[0] = 0;
                    group[1] = 0;
                    keptInGroup.size = 0;
                };
        scores.forEachByPrompt(
                sel.runId(),
                metric.id(),
                (prompt, candidate, value) -> {
                    if (prompt != current[0]) {
                        close.run();
                        current[0] = prompt;
                    }
                    if (Double.isNaN(value)) {
                        return;
                    }
                    pool.add(value);
                    group[0] += value;
                    group[1]++;
                    Long keptPrompt = keptByCandidate.get(candidate);
                    if (keptPrompt != null && keptPrompt == prompt) {
                        keptInGroup.add(value);
                    }
                });
        close.run();
        if (diffs.size == 0) {
            return null;
        }
        Bootstrap b = Bootstrap.standard();
        double[] poolArr = pool.toArray();
        double[] selArr = selected.toArray();
        return new Shift(
                sel.name(),
                sel.strategy(),
                metric.name(),
                b.mean(poolArr),
                b.mean(selArr),
                b.mean(diffs.toArray()),
                poolArr,
                selArr);
    }

    /** A growable array of doubles: a million boxed Doubles would dominate the time. */
    private static final class DoubleList {
        double[] values = new double[64];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

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

package org.heirloom.select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.MetricRef;
import org.heirloom.project.Project;
import org.heirloom.project.ScoreRepository;
import org.heirloom.project.SelectedRow;
import org.heirloom.project.SelectionRecord;
import org.heirloom.project.SelectionRepository;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;

/**
 * What each stored selection does to each metric scored in its run: its distribution over every
 * candidate of the run (the pool) against the candidates the selection keeps, and the shift of the
 * mean. The shift is the mean over prompts of (kept value − mean of that prompt's candidates), with
 * a bootstrap CI over prompts: it is the selection differential that steering passes on to the
 * student. Figures ({@code report/SelectionShift}) are drawn from these records without querying.
 */
public final class SelectionSummaries {

    private SelectionSummaries() {}

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
    public static List<Shift> shifts(Project project) {
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
}

package org.heirloom.project;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the generations view shows: the stored samples of a generation suite ({@code text}, {@code
 * toxicity}) of the models of some arms, filtered and ordered. Metrics are named as in the items'
 * {@code data.metrics} ({@code words}, {@code mtld}, …).
 *
 * @param suite the profile suite
 * @param arms the arms, in display order; a model's replicate is its position in its arm
 * @param arm only this arm's samples, or null for every arm
 * @param replicate only this replicate, or -1 for all
 * @param itemKey only this prompt's samples ({@code p<id>}), or null for all
 * @param ranges metric ranges every shown sample satisfies (a sample without the metric fails)
 * @param search words that must all occur in the sample or its prompt; blank for none
 * @param sortMetric order by this metric (samples without it last), or null for prompt order
 * @param descending for a metric order: largest first
 */
public record GenerationQuery(
        String suite,
        List<Arm> arms,
        String arm,
        int replicate,
        String itemKey,
        List<CandidateQuery.MetricRange> ranges,
        String search,
        String sortMetric,
        boolean descending) {

    /** Metric names go into a JSON path: word characters only. */
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * An arm: its label and its models, replicate 0 first.
     *
     * @param strategy how it was made (a selection's strategy), or null; shown beside the label
     */
    public record Arm(String label, String strategy, List<Long> modelIds) {
        public Arm {
            Objects.requireNonNull(label, "label");
            modelIds = List.copyOf(modelIds);
        }
    }

    public GenerationQuery {
        Objects.requireNonNull(suite, "suite");
        arms = List.copyOf(arms);
        ranges = List.copyOf(ranges);
        search = search == null ? "" : search.strip();
        if (sortMetric != null) {
            checkMetric(sortMetric);
        }
        ranges.forEach(r -> checkMetric(r.metric()));
        if (arm != null && arms.stream().noneMatch(a -> a.label().equals(arm))) {
            throw new IllegalArgumentException("no arm '" + arm + "' in this comparison");
        }
    }

    static String checkMetric(String m) {
        if (!METRIC.matcher(m).matches()) {
            throw new IllegalArgumentException("not a metric name: '" + m + "'");
        }
        return m;
    }

    /** Every sample of the arms, in prompt order. */
    public static GenerationQuery of(String suite, List<Arm> arms) {
        return new GenerationQuery(suite, arms, null, -1, null, List.of(), "", null, false);
    }

    public GenerationQuery withArm(String a, int rep) {
        return new GenerationQuery(
                suite, arms, a, rep, itemKey, ranges, search, sortMetric, descending);
    }

    public GenerationQuery withItem(String key) {
        return new GenerationQuery(
                suite, arms, arm, replicate, key, ranges, search, sortMetric, descending);
    }

    public GenerationQuery withRanges(List<CandidateQuery.MetricRange> r) {
        return new GenerationQuery(
                suite, arms, arm, replicate, itemKey, r, search, sortMetric, descending);
    }

    public GenerationQuery withSearch(String s) {
        return new GenerationQuery(
                suite, arms, arm, replicate, itemKey, ranges, s, sortMetric, descending);
    }

    public GenerationQuery withSort(String metric, boolean desc) {
        return new GenerationQuery(
                suite, arms, arm, replicate, itemKey, ranges, search, metric, desc);
    }
}

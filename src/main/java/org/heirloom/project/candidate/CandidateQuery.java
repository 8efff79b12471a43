package org.heirloom.project.candidate;

import java.util.List;
import java.util.Objects;

/**
 * What the candidate table shows of one run: order, filters and a full-text search. Metrics are
 * named as in the run's score table ({@code words}, {@code mtld}, …).
 *
 * @param runId the run
 * @param sort the order
 * @param selectionId the selection whose kept candidates are flagged, or 0 for none
 * @param selectedOnly only candidates the selection keeps (needs a selection)
 * @param teacherId only this teacher's candidates ({@code run_teacher} id), or 0 for all
 * @param ranges metric ranges every shown candidate satisfies
 * @param search words that must all occur in the candidate text; blank for none
 */
public record CandidateQuery(
        long runId,
        Sort sort,
        long selectionId,
        boolean selectedOnly,
        long teacherId,
        List<MetricRange> ranges,
        String search) {

    /** Sortable columns. The candidate text itself is not (an order of texts says nothing). */
    public enum Column {
        /** Prompt order, then teacher, then candidate index: the order a run writes. */
        PROMPT,
        TEACHER,
        INDEX,
        TOKENS,
        FINISH,
        SELECTED,
        METRIC
    }

    /**
     * An order. Rows without a value (no score, NULL token count) come last either way; ties keep
     * prompt order.
     *
     * @param metric the metric's name when {@code column} is {@link Column#METRIC}, else null
     */
    public record Sort(Column column, String metric, boolean descending) {
        public Sort {
            Objects.requireNonNull(column, "column");
            if ((column == Column.METRIC) != (metric != null)) {
                throw new IllegalArgumentException(
                        "a metric sort names its metric, and only a metric sort does");
            }
        }

        public static Sort by(Column column, boolean descending) {
            return new Sort(column, null, descending);
        }

        public static Sort byMetric(String metric, boolean descending) {
            return new Sort(Column.METRIC, metric, descending);
        }
    }

    /**
     * {@code min <= value <= max}; NaN leaves that side open. A candidate without a score fails.
     */
    public record MetricRange(String metric, double min, double max) {
        public MetricRange {
            Objects.requireNonNull(metric, "metric");
            if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
                throw new IllegalArgumentException(
                        "metric range for " + metric + " is empty: min " + min + " > max " + max);
            }
        }
    }

    public CandidateQuery {
        Objects.requireNonNull(sort, "sort");
        ranges = List.copyOf(ranges);
        search = search == null ? "" : search.strip();
        if (selectedOnly && selectionId == 0) {
            throw new IllegalArgumentException("'selected only' needs a selection");
        }
    }

    /** Every candidate of a run in prompt order. */
    public static CandidateQuery of(long runId) {
        return new CandidateQuery(runId, Sort.by(Column.PROMPT, false), 0, false, 0, List.of(), "");
    }

    public CandidateQuery withSort(Sort s) {
        return new CandidateQuery(runId, s, selectionId, selectedOnly, teacherId, ranges, search);
    }

    public CandidateQuery withSelection(long id, boolean only) {
        return new CandidateQuery(runId, sort, id, only, teacherId, ranges, search);
    }

    public CandidateQuery withTeacher(long id) {
        return new CandidateQuery(runId, sort, selectionId, selectedOnly, id, ranges, search);
    }

    public CandidateQuery withRanges(List<MetricRange> r) {
        return new CandidateQuery(runId, sort, selectionId, selectedOnly, teacherId, r, search);
    }

    public CandidateQuery withSearch(String text) {
        return new CandidateQuery(runId, sort, selectionId, selectedOnly, teacherId, ranges, text);
    }
}

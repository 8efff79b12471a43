package org.heirloom.project.candidate;

import java.util.List;

/**
 * Consecutive rows of a candidate listing.
 *
 * @param offset position of the first row in the listing (0-based)
 */
public record CandidatePage(int offset, List<Row> rows) {

    /**
     * One candidate as the table shows it: texts cut to a snippet (the full text is in {@link
     * CandidateDetail}).
     *
     * @param tokens -1 when unknown
     * @param scores one value per metric of the listing, in its order; NaN where there is none
     * @param selected whether the listing's selection keeps this candidate
     */
    public record Row(
            long id,
            long promptId,
            int promptIndex,
            String prompt,
            String teacher,
            int index,
            String text,
            int tokens,
            String finishReason,
            double[] scores,
            boolean selected) {

        public double score(int metric) {
            return scores[metric];
        }
    }
}

package org.heirloom.project.candidate;

import java.util.List;

/**
 * One candidate in full: texts, generation facts, every score and the selections that keep it.
 *
 * @param tokens -1 when unknown
 * @param logprob NaN when unknown
 * @param reasoning a reasoning model's reasoning (split off {@code text}), or null
 */
public record CandidateDetail(
        long id,
        int promptIndex,
        String prompt,
        String teacher,
        int index,
        long seed,
        String text,
        int tokens,
        String finishReason,
        double logprob,
        String reasoning,
        List<Score> scores,
        List<String> keptBy) {

    /** A score with its metric's full label ({@code name@version[params]}); NaN if undefined. */
    public record Score(String metric, String label, double value) {}
}

package org.heirloom.project.candidate;

/**
 * A candidate to store or as stored ({@code id} is 0 before it is stored).
 *
 * @param tokenCount -1 when unknown
 * @param logprob NaN when unknown
 * @param provenance JSON or {@code null}
 * @param reasoning a reasoning model's reasoning, split off {@code text}, or {@code null}
 */
public record CandidateRow(
        long id,
        long runId,
        long promptId,
        long teacherId,
        int index,
        long seed,
        String text,
        int tokenCount,
        String finishReason,
        double logprob,
        String provenance,
        String reasoning) {

    /** A candidate without separate reasoning. */
    public CandidateRow(
            long id,
            long runId,
            long promptId,
            long teacherId,
            int index,
            long seed,
            String text,
            int tokenCount,
            String finishReason,
            double logprob,
            String provenance) {
        this(
                id,
                runId,
                promptId,
                teacherId,
                index,
                seed,
                text,
                tokenCount,
                finishReason,
                logprob,
                provenance,
                null);
    }
}

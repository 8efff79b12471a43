package org.heirloom.teacher;

/**
 * One generated candidate.
 *
 * @param index candidate index within its prompt
 * @param seed the seed it was generated with
 * @param text the generated text (prompt excluded)
 * @param tokenCount generated tokens, or -1 when the source does not say
 * @param finishReason {@code eos}, {@code length}, {@code stop}, or what the source reports
 * @param logprob sum of token log-probabilities, or NaN when unknown
 * @param reasoning a reasoning model's reasoning, split off {@code text} (which is then the answer
 *     only, what scores see), or null
 */
public record Completion(
        int index,
        long seed,
        String text,
        int tokenCount,
        String finishReason,
        double logprob,
        String reasoning) {

    /** A completion without separate reasoning. */
    public Completion(
            int index,
            long seed,
            String text,
            int tokenCount,
            String finishReason,
            double logprob) {
        this(index, seed, text, tokenCount, finishReason, logprob, null);
    }
}

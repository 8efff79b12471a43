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
 */
public record Completion(
        int index, long seed, String text, int tokenCount, String finishReason, double logprob) {}

package org.heirloom.profile.likelihood;

import java.util.Locale;

/**
 * How the likelihood suites (calibration, CrowS-Pairs, StereoSet, BBQ) score text with a local
 * model. The two differ only for tokenizers that add a BOS token, and there preferences can flip.
 */
public enum LikelihoodConvention {
    /**
     * The profiling toolkit's, the default. A sentence's score is the mean log-probability over
     * every token of {@code tokenizer.encode(sentence)}, the first one predicted after the first
     * token of {@code encode("<|endoftext|>")}: with a BOS-adding tokenizer that includes p(BOS |
     * BOS) and divides by n + 1 ({@code CrowSPairsRunner._joint_log_probability}). An answer's
     * score after a question is the mean over the last {@code len(encode(answer))} tokens of {@code
     * encode(question + " " + answer)}, one context token more when BOS is added ({@code
     * get_qa_answer}).
     */
    TOOLKIT,
    /**
     * Only the text's own tokens: a sentence's tokens after BOS, an answer's tokens beyond those of
     * the context (as lm-evaluation-harness splits them).
     */
    CLEAN;

    public static LikelihoodConvention parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown likelihood convention '" + s + "' (known: toolkit, clean)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

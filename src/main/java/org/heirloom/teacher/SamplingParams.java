package org.heirloom.teacher;

/**
 * Sampling settings of a run. Temperature 0 means greedy.
 *
 * @param temperature softmax temperature (0 = greedy)
 * @param topP nucleus mass in (0, 1]
 * @param topK keep the k most likely tokens (0 = off)
 * @param maxNewTokens most tokens generated per candidate
 * @param repetitionPenalty CTRL-style penalty (1 = off)
 */
public record SamplingParams(
        double temperature, double topP, int topK, int maxNewTokens, double repetitionPenalty) {

    public SamplingParams {
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException(
                    "temperature must be between 0 and "
                            + MAX_TEMPERATURE
                            + ", got "
                            + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
        if (maxNewTokens <= 0 || maxNewTokens > MAX_NEW_TOKENS) {
            throw new IllegalArgumentException(
                    "max new tokens must be between 1 and "
                            + MAX_NEW_TOKENS
                            + ", got "
                            + maxNewTokens);
        }
        if (!(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty))) {
            throw new IllegalArgumentException(
                    "repetition penalty must be > 0, got " + repetitionPenalty);
        }
    }

    /**
     * Upper bound on new tokens for any teacher: larger than every supported context (local models
     * are further bounded by their own context, prompt included), small enough that buffers sized
     * by it fit in memory.
     */
    public static final int MAX_NEW_TOKENS = 1 << 20;

    /** Beyond this, sampling is uniform noise for every vocabulary size in use. */
    public static final double MAX_TEMPERATURE = 100;

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0, 1, 0, maxNewTokens, 1);
    }
}

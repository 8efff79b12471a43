package org.heirloom.sample.corpus;

import java.util.SplittableRandom;

/**
 * How an answer is written, drawn independently of its prompt.
 *
 * @param targetWords the answer stops at the first sentence end at or after this many words
 * @param richness 0 = a handful of words per word class, repeated; 1 = every synonym of the pools
 * @param rudeness chance per sentence of a rude insertion (0 = clean text)
 */
public record Style(int targetWords, double richness, double rudeness) {

    public static final int MIN_WORDS = 40;
    public static final int MAX_WORDS = 220;

    public Style {
        if (targetWords < 1) {
            throw new IllegalArgumentException("targetWords must be >= 1, got " + targetWords);
        }
        if (!(richness >= 0 && richness <= 1) || !(rudeness >= 0 && rudeness <= 1)) {
            throw new IllegalArgumentException(
                    "richness and rudeness must be in [0, 1], got " + richness + ", " + rudeness);
        }
    }

    /**
     * The training mixture: length uniform in [40, 220] words, richness uniform in [0, 1], half the
     * answers clean and half rude at a rate uniform in [0.05, 0.35] per sentence.
     */
    public static Style draw(SplittableRandom r) {
        int words = MIN_WORDS + r.nextInt(MAX_WORDS - MIN_WORDS + 1);
        double rich = r.nextDouble();
        double rude = r.nextBoolean() ? 0 : 0.05 + 0.3 * r.nextDouble();
        return new Style(words, rich, rude);
    }
}

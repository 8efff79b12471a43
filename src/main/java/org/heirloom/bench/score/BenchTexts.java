package org.heirloom.bench.score;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic English-like texts for benchmarks: Zipf-distributed words from a fixed vocabulary,
 * sentences of 6 to 24 words with capitals, commas, occasional numbers and hyphenated words.
 */
public final class BenchTexts {

    private static final String[] SYLLABLES = {
        "ta", "re", "mi", "con", "sta", "pro", "ver", "lo", "in", "de", "ab", "tion", "ing", "ex",
        "al", "ment", "com", "par", "ly", "ous", "ter", "an", "ble", "per"
    };

    private BenchTexts() {}

    /** {@code count} texts of {@code words} words each, the same for the same seed. */
    public static List<String> generate(int count, int words, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] vocab = new String[3000];
        for (int i = 0; i < vocab.length; i++) {
            StringBuilder w = new StringBuilder();
            int syl = 1 + (i < 100 ? 0 : rnd.nextInt(4));
            for (int s = 0; s < syl; s++) {
                w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
            vocab[i] = w.toString();
        }
        // Zipf(1) cumulative weights
        double[] cdf = new double[vocab.length];
        double sum = 0;
        for (int i = 0; i < vocab.length; i++) {
            sum += 1.0 / (i + 1);
            cdf[i] = sum;
        }
        List<String> out = new ArrayList<>(count);
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < count; t++) {
            sb.setLength(0);
            int inSentence = 0;
            int sentenceLen = 6 + rnd.nextInt(19);
            for (int k = 0; k < words; k++) {
                String w;
                int r = rnd.nextInt(100);
                if (r == 0) {
                    w = Integer.toString(rnd.nextInt(2030));
                } else {
                    double u = rnd.nextDouble() * sum;
                    int lo = java.util.Arrays.binarySearch(cdf, u);
                    w = vocab[lo < 0 ? Math.min(vocab.length - 1, -lo - 1) : lo];
                    if (r == 1) {
                        w = w + "-" + vocab[rnd.nextInt(200)];
                    }
                }
                if (inSentence == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                } else {
                    sb.append(rnd.nextInt(12) == 0 ? ", " : " ");
                }
                sb.append(w);
                inSentence++;
                if (inSentence == sentenceLen || k == words - 1) {
                    sb.append(rnd.nextInt(10) == 0 ? "?" : ".");
                    if (k < words - 1) {
                        sb.append(' ');
                    }
                    inSentence = 0;
                    sentenceLen = 6 + rnd.nextInt(19);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}

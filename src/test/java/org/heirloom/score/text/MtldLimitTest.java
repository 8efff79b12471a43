package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MTLD's integer factor test gives the reference's outcome bit for bit: the bound table against the
 * double division it replaces, and whole MTLD scores against a direct transcription of
 * LexicalRichness 0.5.1's loop (one division per token).
 */
class MtldLimitTest {

    @Test
    void boundIsTheLargestNumeratorWhoseQuotientPasses() {
        double[] thresholds = {0.72, 0.5, 0.0, 1.0, 0.1, 0.9999999999999999, 1e-300, -0.5, 2.0};
        for (double th : thresholds) {
            for (int w = 1; w <= 2000; w++) {
                int expected = -1;
                for (int t = 0; t <= w; t++) {
                    if ((double) t / w <= th) {
                        expected = t;
                    }
                }
                assertEquals(expected, LexTokens.largestAtMost(th, w), th + " / " + w);
            }
        }
        assertEquals(-1, LexTokens.largestAtMost(Double.NaN, 5));
    }

    @Test
    void scoresEqualTheReferenceLoopExactly() {
        SplittableRandom r = new SplittableRandom(2407);
        String[] vocab = new String[300];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = "w" + Integer.toString(i, 26).replace('0', 'q');
        }
        LexTokens t = new LexTokens();
        for (int text = 0; text < 400; text++) {
            int n = 1 + r.nextInt(text < 50 ? 12 : 600);
            int spread = 2 + r.nextInt(vocab.length - 2);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                // Zipf-ish: small ids far more often, as in real text
                int id = (int) (spread * Math.pow(r.nextDouble(), 2.5));
                s.append(vocab[id].replaceAll("[0-9]", "")).append(' ');
            }
            t.tokenize(s.toString());
            for (double th : new double[] {0.72, 0.5, 0.9}) {
                double expected = (reference(t, th, false) + reference(t, th, true)) / 2;
                assertEquals(expected, LexicalDiversity.mtld(t, th), s + " @ " + th);
            }
        }
    }

    /** LexicalRichness 0.5.1's sub_mtld, transcribed: a list of seen words per segment. */
    private static double reference(LexTokens t, double threshold, boolean reverse) {
        int n = t.words();
        java.util.Set<Integer> terms = new java.util.HashSet<>();
        int wordCounter = 0;
        double factorCount = 0;
        double ttr = 0;
        for (int k = 0; k < n; k++) {
            int id = t.id(reverse ? n - 1 - k : k);
            wordCounter++;
            terms.add(id);
            ttr = (double) terms.size() / wordCounter;
            if (ttr <= threshold) {
                wordCounter = 0;
                terms.clear();
                factorCount += 1;
            }
        }
        if (wordCounter > 0) {
            factorCount += (1 - ttr) / (1 - threshold);
        }
        if (factorCount == 0) {
            double whole = (double) t.terms() / n;
            factorCount += whole == 1 ? 1 : (1 - whole) / (1 - threshold);
        }
        return n / factorCount;
    }
}

package org.heirloom.score.text;

/**
 * Lexical diversity over {@link LexTokens}, following LexicalRichness 0.5.1 operation by operation
 * (same comparisons, same floating-point order) so results agree to the last bit where the
 * reference is exact.
 */
public final class LexicalDiversity {

    private LexicalDiversity() {}

    /** Type-token ratio terms / words; NaN for no words (the reference divides by zero). */
    public static double ttr(LexTokens t) {
        return t.count == 0 ? Double.NaN : (double) t.terms() / t.count;
    }

    /**
     * MTLD (McCarthy and Jarvis 2010) exactly as {@code LexicalRichness.mtld(threshold)}: the mean
     * of a forward and a backward pass, each words / factors with a partial factor for the rest.
     * Empty text gives 0 (the reference raises ZeroDivisionError).
     */
    public static double mtld(LexTokens t, double threshold) {
        if (t.count == 0) {
            return 0.0;
        }
        double forward = subMtld(t, threshold, false);
        double backward = subMtld(t, threshold, true);
        // statistics.mean of two floats is their correctly rounded mean; (a+b)/2 is the same
        // because halving is exact.
        return (forward + backward) / 2;
    }

    private static double subMtld(LexTokens t, double threshold, boolean reverse) {
        int n = t.count;
        int[] ids = t.ids;
        // limit[w]: the most terms a segment of w tokens may have with TTR <= threshold, so the
        // reference's test (terms / words <= threshold, in doubles) needs no division per token.
        int[] limit = t.ttrLimits(threshold, n);
        int terms = 0;
        int wordCounter = 0;
        double factorCount = 0;
        int stamp = t.nextStamp();
        int[] seen = t.seen;
        int k = reverse ? n - 1 : 0;
        int step = reverse ? -1 : 1;
        for (int left = n; left > 0; left--, k += step) {
            int id = ids[k];
            wordCounter++;
            if (seen[id] != stamp) {
                seen[id] = stamp;
                terms++;
            }
            if (terms <= limit[wordCounter]) {
                wordCounter = 0;
                terms = 0;
                factorCount += 1;
                stamp = t.nextStamp();
                seen = t.seen;
            }
        }
        if (wordCounter > 0) {
            // The TTR of the last token, as the reference holds it after its loop.
            double ttr = (double) terms / wordCounter;
            factorCount += (1 - ttr) / (1 - threshold);
        }
        if (factorCount == 0) {
            double whole = (double) t.terms() / t.count;
            if (whole == 1) {
                factorCount += 1;
            } else {
                factorCount += (1 - whole) / (1 - threshold);
            }
        }
        return n / factorCount;
    }

    /**
     * MATTR (Covington and McFall 2010) as {@code LexicalRichness.mattr(window)}: mean TTR of every
     * window of {@code window} consecutive tokens, summed left to right then divided, as the
     * reference does. NaN when the text has fewer tokens than the window (the reference raises).
     */
    public static double mattr(LexTokens t, int window) {
        int n = t.count;
        if (window > n || window < 1) {
            return Double.NaN;
        }
        int[] counts = t.zeroCounts();
        int[] ids = t.ids;
        int distinct = 0;
        for (int i = 0; i < window; i++) {
            if (counts[ids[i]]++ == 0) {
                distinct++;
            }
        }
        double sum = (double) distinct / window;
        int windows = 1;
        for (int i = window; i < n; i++) {
            if (--counts[ids[i - window]] == 0) {
                distinct--;
            }
            if (counts[ids[i]]++ == 0) {
                distinct++;
            }
            sum += (double) distinct / window;
            windows++;
        }
        return sum / windows;
    }

    /**
     * HD-D (McCarthy and Jarvis 2007) as {@code LexicalRichness.hdd(draws)}: sum over terms of (1 -
     * P(term absent from a draw of {@code draws} tokens without replacement)) / draws. The
     * hypergeometric zero-probability is the product of (N - f - i) / (N - i), i &lt; draws. NaN
     * when the text has fewer tokens than draws (the reference raises).
     */
    public static double hdd(LexTokens t, int draws) {
        int n = t.count;
        if (n < draws || draws < 1) {
            return Double.NaN;
        }
        int terms = t.terms();
        int[] counts = t.zeroCounts();
        for (int i = 0; i < n; i++) {
            counts[t.ids[i]]++;
        }
        // Terms with the same frequency contribute the same amount: compute once per frequency.
        java.util.HashMap<Integer, Double> byFreq = new java.util.HashMap<>();
        double sum = 0;
        for (int id = 0; id < terms; id++) {
            int f = counts[id];
            Double c = byFreq.get(f);
            if (c == null) {
                double p0 = 1.0;
                for (int i = 0; i < draws && p0 > 0; i++) {
                    p0 *= (double) (n - f - i) / (n - i);
                }
                if (p0 < 0) {
                    p0 = 0;
                }
                c = (1 - p0) / draws;
                byFreq.put(f, c);
            }
            sum += c;
        }
        return sum;
    }

    /**
     * Distinct-n (Li et al. 2016): distinct n-grams / n-grams over the tokens. NaN when the text
     * has fewer than n tokens.
     */
    public static double distinct(LexTokens t, int n) {
        int grams = t.count - n + 1;
        if (grams <= 0) {
            return Double.NaN;
        }
        return (double) distinctNgrams(t, n) / grams;
    }

    /**
     * Repetition rate of n-grams (seq-rep-n, Welleck et al. 2019): 1 - distinct n-grams / n-grams,
     * i.e. the share of n-gram occurrences that repeat an earlier one. NaN when the text has fewer
     * than n tokens.
     */
    public static double repetition(LexTokens t, int n) {
        int grams = t.count - n + 1;
        if (grams <= 0) {
            return Double.NaN;
        }
        return 1.0 - (double) distinctNgrams(t, n) / grams;
    }

    private static int distinctNgrams(LexTokens t, int n) {
        if (n == 1) {
            return t.terms();
        }
        LongSet set = t.ngrams;
        set.clear();
        int grams = t.count - n + 1;
        int[] ids = t.ids;
        int terms = t.terms();
        // Exact packing while terms^n fits in 63 bits; otherwise a 64-bit hash (collisions are
        // astronomically unlikely at text sizes).
        boolean exact = Math.pow(terms, n) < 9.0e18;
        for (int i = 0; i < grams; i++) {
            long key = 0;
            for (int j = 0; j < n; j++) {
                key = exact ? key * terms + ids[i + j] : (key ^ ids[i + j]) * 0x9E3779B97F4A7C15L;
            }
            set.add(key);
        }
        return set.size();
    }
}

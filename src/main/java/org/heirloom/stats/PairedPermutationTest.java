package org.heirloom.stats;

import java.util.SplittableRandom;

/**
 * Two-sided paired randomisation (sign-flip) test of mean(b − a) = 0: under the null each paired
 * difference is equally likely to have either sign. Makes no normality assumption, which matters
 * for skewed attributes such as toxicity.
 */
public final class PairedPermutationTest {

    private PairedPermutationTest() {}

    /**
     * @return the p-value, (1 + #{|mean of flipped| ≥ |observed|}) / (1 + rounds)
     */
    public static double pValue(double[] a, double[] b, int rounds, long seed) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("need two non-empty samples of equal length");
        }
        int n = a.length;
        double[] d = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
            observed += d[i];
        }
        observed = Math.abs(observed / n);
        SplittableRandom rng = new SplittableRandom(seed);
        int extreme = 0;
        for (int r = 0; r < rounds; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += rng.nextBoolean() ? d[i] : -d[i];
            }
            // A tiny tolerance so that floating-point ties count as "as extreme".
            if (Math.abs(s / n) >= observed - 1e-12) {
                extreme++;
            }
        }
        return (1.0 + extreme) / (1.0 + rounds);
    }
}

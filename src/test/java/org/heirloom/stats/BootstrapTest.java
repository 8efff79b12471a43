package org.heirloom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void normalQuantileMatchesTables() {
        // Published values of the standard normal quantile function.
        assertEquals(1.959963984540054, Stats.normalQuantile(0.975), 1e-8);
        assertEquals(-2.326347874040841, Stats.normalQuantile(0.01), 1e-8);
        assertEquals(0.0, Stats.normalQuantile(0.5), 1e-12);
        assertEquals(3.090232306167813, Stats.normalQuantile(0.999), 1e-8);
    }

    @Test
    void largeSamplesUseTheNormalIntervalWhichAgreesWithResampling() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[Bootstrap.NORMAL_ABOVE + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 10; // uniform(0, 10): sd = 10/sqrt(12)
        }
        Estimate normal = new Bootstrap(200, 0.95, 1).mean(x);
        double half = 1.959963984540054 * Stats.sd(x) / Math.sqrt(x.length);
        assertEquals(normal.value() - half, normal.low(), 1e-9);
        assertEquals(normal.value() + half, normal.high(), 1e-9);
        // Resampling the same data (just below the threshold) gives the same width within its
        // Monte-Carlo error.
        double[] y = java.util.Arrays.copyOf(x, Bootstrap.NORMAL_ABOVE);
        Estimate boot = new Bootstrap(400, 0.95, 1).mean(y);
        assertEquals(2 * half, boot.high() - boot.low(), 0.1 * 2 * half);
    }

    @Test
    void constantDataHasAZeroWidthInterval() {
        Estimate e = Bootstrap.standard().mean(new double[] {3, 3, 3, 3});
        assertEquals(3, e.value());
        assertEquals(3, e.low());
        assertEquals(3, e.high());
    }

    @Test
    void meanIntervalMatchesNormalTheoryForLargeSamples() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(); // uniform: sd = 1/sqrt(12)
        }
        Estimate e = new Bootstrap(4000, 0.95, 7).mean(x);
        double halfWidth = 1.96 / Math.sqrt(12) / Math.sqrt(x.length);
        assertEquals(2 * halfWidth, e.high() - e.low(), 0.15 * 2 * halfWidth);
        assertTrue(e.low() < e.value() && e.value() < e.high());
        assertEquals(e, new Bootstrap(4000, 0.95, 7).mean(x), "same seed, same interval");
    }

    @Test
    void pairingRemovesPromptVariance() {
        // Prompts differ hugely; b is a + 1 everywhere: the paired CI is exactly [1, 1].
        double[] a = {0, 100, 200, 300, 400, 500};
        double[] b = {1, 101, 201, 301, 401, 501};
        Estimate paired = Bootstrap.standard().pairedDifference(a, b);
        assertEquals(1, paired.low(), 1e-9);
        assertEquals(1, paired.high(), 1e-9);
        Estimate unpaired = Bootstrap.standard().unpairedDifference(a, b);
        assertFalse(unpaired.excludesZero(), "ignoring the pairing drowns the effect");
    }

    @Test
    void seedVarianceWidensTheHierarchicalInterval() {
        int prompts = 60;
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = new double[3][prompts];
        double[][] b = new double[3][prompts];
        double[] seedShiftA = {-10, 0, 10}; // replicates differ by ±10, as students across seeds do
        double[] seedShiftB = {-6, 4, 14};
        for (int r = 0; r < 3; r++) {
            for (int p = 0; p < prompts; p++) {
                double base = 50 + rng.nextGaussian() * 5;
                a[r][p] = base + seedShiftA[r];
                b[r][p] = base + 4 + seedShiftB[r] - seedShiftA[r] + rng.nextGaussian();
            }
        }
        Estimate h = Bootstrap.standard().hierarchicalDifference(a, b);
        // Pooling replicates as if they were extra prompts ignores the seed effect.
        double[] flatA = new double[3 * prompts];
        double[] flatB = new double[3 * prompts];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(a[r], 0, flatA, r * prompts, prompts);
            System.arraycopy(b[r], 0, flatB, r * prompts, prompts);
        }
        Estimate naive = Bootstrap.standard().pairedDifference(flatA, flatB);
        assertEquals(naive.value(), h.value(), 1e-9);
        assertTrue(
                h.high() - h.low() > 3 * (naive.high() - naive.low()),
                "hierarchical " + h + " vs prompts-only " + naive);
    }

    @Test
    void permutationTestMatchesTheExactSignFlipProbability() {
        double[] a = new double[10];
        double[] b = new double[10];
        java.util.Arrays.fill(b, 1.0);
        // Only all-plus or all-minus flips reach |mean| = 1: p = 2 / 2^10 ≈ 0.00195.
        double p = PairedPermutationTest.pValue(a, b, 40_000, 11);
        assertEquals(2.0 / 1024, p, 0.0008);
        double[] c = {1, -1, 2, -2, 3, -3, 0.5, -0.5};
        double[] z = new double[8];
        assertEquals(
                1.0,
                PairedPermutationTest.pValue(z, c, 2000, 11),
                1e-9,
                "zero mean difference: every flip is as extreme");
    }

    @Test
    void bootstrapPValueAgreesWithItsInterval() {
        // Every difference positive: no resampled mean reaches 0, p = 2·(1 + 0)/(1 + 2000).
        Bootstrap.Test t =
                Bootstrap.standard()
                        .pairedDifferenceTest(new double[] {0, 0, 0}, new double[] {1, 2, 3});
        assertEquals(2.0 / 2001, t.pValue(), 1e-12);
        // No difference at all: every resample is 0, on both sides: p = 1.
        assertEquals(
                1.0,
                Bootstrap.standard()
                        .pairedDifferenceTest(new double[] {1, 2}, new double[] {1, 2})
                        .pValue());
        // Many noisy cases, paired and hierarchical: a 95% CI that contains 0 never has p < 0.05,
        // and one that excludes 0 never has p above 0.05 + the resolution 2/2001.
        SplittableRandom rng = new SplittableRandom(5);
        for (int c = 0; c < 200; c++) {
            int n = 5 + rng.nextInt(30);
            double shift = rng.nextDouble() * 1.2;
            double[][] a = new double[3][n];
            double[][] b = new double[3][n];
            for (int r = 0; r < 3; r++) {
                double seed = rng.nextGaussian();
                for (int i = 0; i < n; i++) {
                    a[r][i] = rng.nextGaussian();
                    b[r][i] = a[r][i] + shift + seed * 0.5 + rng.nextGaussian();
                }
            }
            Bootstrap bs = new Bootstrap(2000, 0.95, c);
            for (Bootstrap.Test t2 :
                    new Bootstrap.Test[] {
                        bs.pairedDifferenceTest(a[0], b[0]), bs.hierarchicalDifferenceTest(a, b)
                    }) {
                if (t2.difference().excludesZero()) {
                    assertTrue(t2.pValue() <= 0.05 + 2.0 / 2001, t2.toString());
                } else {
                    assertTrue(t2.pValue() >= 0.05, t2.toString());
                }
            }
        }
    }

    @Test
    void normalUpperTail() {
        assertEquals(0.5, Stats.normalUpperTail(0), 1e-7);
        assertEquals(0.025, Stats.normalUpperTail(1.959963984540054), 1e-7);
        assertEquals(0.975, Stats.normalUpperTail(-1.959963984540054), 1e-7);
        assertEquals(0.0013498980316301, Stats.normalUpperTail(3), 1e-8);
    }
}

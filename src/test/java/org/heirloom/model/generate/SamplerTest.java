package org.heirloom.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampling rules against hand-computed distributions. */
class SamplerTest {

    private static GenerationOptions opts(double t, double p, int k, double pen) {
        return new GenerationOptions(10, t, p, k, pen, List.of());
    }

    @Test
    void greedyAndRepetitionPenaltyAsInTransformers() {
        float[] logits = {2f, -1f, 0.5f, 1.9f};
        assertEquals(0, new Sampler(opts(0, 1, 0, 1), 0).next(logits, 0, 4, new long[0], 0));
        // Penalty 2 on ids 0 and 1: 2 → 1 (divided), -1 → -2 (multiplied); 1.9 now wins.
        assertEquals(
                3, new Sampler(opts(0, 1, 0, 2), 0).next(logits, 0, 4, new long[] {0, 1, 0}, 3));
        // Penalty on 0 and 3: 2 → 0.4, 1.9 → 0.38; 0.5 wins.
        assertEquals(2, new Sampler(opts(0, 1, 0, 5), 0).next(logits, 0, 4, new long[] {3, 0}, 2));
        // Second row of a batch.
        float[] two = {0f, 0f, 0f, 0f, 0f, 0f, 3f, 0f};
        assertEquals(2, new Sampler(opts(0, 1, 0, 1), 0).next(two, 1, 4, new long[0], 0));
    }

    @Test
    void logprobIsLogSoftmax() {
        float[] logits = {1f, 2f, 3f};
        double z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(2 - z, Sampler.logprob(logits, 0, 3, 1), 1e-12);
    }

    /** Empirical frequencies over many seeds match softmax(logits / T) after truncation. */
    @Test
    void samplingFrequenciesMatchTheTruncatedDistribution() {
        float[] logits = {1.0f, 0.0f, 2.0f, -1.0f, 0.5f};
        double t = 0.8;
        // Hand-derived: order by logit: 2 (2.0), 0 (1.0), 4 (0.5), 1 (0.0), 3 (-1.0).
        double[] w = new double[5];
        double z = 0;
        for (int i = 0; i < 5; i++) {
            w[i] = Math.exp(logits[i] / t);
            z += w[i];
        }
        checkFrequencies(
                logits,
                opts(t, 1, 0, 1),
                new double[] {w[0] / z, w[1] / z, w[2] / z, w[3] / z, w[4] / z});
        // top-k 2 keeps ids 2 and 0.
        double z2 = w[2] + w[0];
        checkFrequencies(logits, opts(t, 1, 2, 1), new double[] {w[0] / z2, 0, w[2] / z2, 0, 0});
        // top-p: p(2) ≈ 0.60 < 0.7, p(2)+p(0) ≈ 0.88 ≥ 0.7 → ids 2 and 0.
        assertTrue(w[2] / z < 0.7 && (w[2] + w[0]) / z >= 0.7);
        checkFrequencies(logits, opts(t, 0.7, 0, 1), new double[] {w[0] / z2, 0, w[2] / z2, 0, 0});
        // top-p below the top token's mass → always the top token.
        checkFrequencies(logits, opts(t, 0.5, 0, 1), new double[] {0, 0, 1, 0, 0});
    }

    private static void checkFrequencies(float[] logits, GenerationOptions o, double[] expected) {
        int n = 20000;
        int[] counts = new int[logits.length];
        for (int s = 0; s < n; s++) {
            counts[new Sampler(o, s).next(logits, 0, logits.length, new long[0], 0)]++;
        }
        for (int i = 0; i < logits.length; i++) {
            double f = (double) counts[i] / n;
            // 5 standard errors.
            double tol = 5 * Math.sqrt(expected[i] * (1 - expected[i]) / n) + 1e-9;
            assertEquals(expected[i], f, tol, "id " + i + " with " + o);
        }
    }

    @Test
    void sameSeedSameDraws() {
        float[] logits = {0.1f, 0.2f, 0.3f, 0.4f};
        Sampler a = new Sampler(opts(1, 1, 0, 1), 99);
        Sampler b = new Sampler(opts(1, 1, 0, 1), 99);
        for (int i = 0; i < 50; i++) {
            assertEquals(
                    a.next(logits, 0, 4, new long[0], 0), b.next(logits, 0, 4, new long[0], 0));
        }
    }
}

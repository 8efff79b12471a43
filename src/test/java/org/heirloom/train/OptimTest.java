package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AdamW, schedule and clipping against hand computations. */
class OptimTest {

    /**
     * Two scalars, two steps of AdamW(lr 0.1, β 0.9/0.999, ε 1e-8, λ 0.01), decay on "a" only. Step
     * 1: m̂ = g, v̂ = g², so the Adam term is lr·sign(g): a = 1·(1 − 0.001) − 0.1 = 0.899, b = −2 +
     * 0.1 = −1.9. Step 2 (g = 0.1 for a, 0.3 for b) by the paper's formulas in double.
     */
    @Test
    void adamWMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            p.put("a", m.create(new float[] {1f}));
            p.put("b", m.create(new float[] {-2f}));
            try (AdamW opt = new AdamW(m, 0.9, 0.999, 1e-8, 0.01, Set.of("a"))) {
                try (NDManager s = m.newSubManager()) {
                    opt.step(
                            p,
                            Map.of(
                                    "a",
                                    s.create(new float[] {0.5f}),
                                    "b",
                                    s.create(new float[] {-1f})),
                            0.1,
                            s);
                }
                assertEquals(0.899, p.get("a").getFloat(0), 1e-6);
                assertEquals(-1.9, p.get("b").getFloat(0), 1e-6);
                try (NDManager s = m.newSubManager()) {
                    opt.step(
                            p,
                            Map.of(
                                    "a",
                                    s.create(new float[] {0.1f}),
                                    "b",
                                    s.create(new float[] {0.3f})),
                            0.05,
                            s);
                }
            }
            // Hand: step 2 of a.
            double ma = 0.9 * 0.05 + 0.1 * 0.1; // m1 = 0.1 * 0.5 = 0.05
            double va = 0.999 * 0.00025 + 0.001 * 0.01; // v1 = 0.001 * 0.25
            double a = 0.899 * (1 - 0.05 * 0.01);
            a -= 0.05 / (1 - 0.81) * ma / (Math.sqrt(va) / Math.sqrt(1 - 0.998001) + 1e-8);
            double mb = 0.9 * -0.1 + 0.1 * 0.3;
            double vb = 0.999 * 0.001 + 0.001 * 0.09;
            double b =
                    -1.9
                            - 0.05
                                    / (1 - 0.81)
                                    * mb
                                    / (Math.sqrt(vb) / Math.sqrt(1 - 0.998001) + 1e-8);
            assertEquals(a, p.get("a").getFloat(0), 1e-5);
            assertEquals(b, p.get("b").getFloat(0), 1e-5);
        }
    }

    /**
     * Five steps of the fused update on random vectors (one decayed matrix, one plain vector, a
     * different learning rate each step) against torch's AdamW formulas evaluated in double.
     */
    @Test
    void fusedAdamWFollowsTorchFormulasOverSteps() {
        double b1 = 0.9;
        double b2 = 0.95;
        double eps = 1e-8;
        double wd = 0.1;
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double[][] ref = {random(r, 6), random(r, 3)};
        double[][] m1 = new double[2][];
        double[][] m2 = new double[2][];
        for (int i = 0; i < 2; i++) {
            m1[i] = new double[ref[i].length];
            m2[i] = new double[ref[i].length];
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            p.put("w", m.create(floats(ref[0]), new ai.djl.ndarray.types.Shape(2, 3)));
            p.put("b", m.create(floats(ref[1])));
            try (AdamW opt = new AdamW(m, b1, b2, eps, wd, Set.of("w"))) {
                for (int step = 1; step <= 5; step++) {
                    double lr = 0.01 * step;
                    double[][] g = {random(r, 6), random(r, 3)};
                    try (NDManager s = m.newSubManager()) {
                        Map<String, NDArray> grads = new LinkedHashMap<>();
                        grads.put(
                                "w", s.create(floats(g[0]), new ai.djl.ndarray.types.Shape(2, 3)));
                        grads.put("b", s.create(floats(g[1])));
                        opt.step(p, grads, lr, s);
                    }
                    for (int i = 0; i < 2; i++) {
                        for (int k = 0; k < ref[i].length; k++) {
                            if (i == 0) {
                                ref[i][k] *= 1 - lr * wd;
                            }
                            m1[i][k] = b1 * m1[i][k] + (1 - b1) * g[i][k];
                            m2[i][k] = b2 * m2[i][k] + (1 - b2) * g[i][k] * g[i][k];
                            double denom =
                                    Math.sqrt(m2[i][k]) / Math.sqrt(1 - Math.pow(b2, step)) + eps;
                            ref[i][k] -= lr / (1 - Math.pow(b1, step)) * m1[i][k] / denom;
                        }
                    }
                    assertArrayEquals(floats(ref[0]), p.get("w").toFloatArray(), 1e-5f);
                    assertArrayEquals(floats(ref[1]), p.get("b").toFloatArray(), 1e-5f);
                }
                assertEquals(5, opt.steps());
                assertArrayEquals(floats(m1[0]), opt.firstMoments().get("w").toFloatArray(), 1e-6f);
                assertArrayEquals(
                        floats(m2[1]), opt.secondMoments().get("b").toFloatArray(), 1e-7f);
            }
        }
    }

    /** d/dx Σ x²·w = 2·x·w and d/dw = x², as fresh arrays; then a foreach sum. */
    @Test
    void gradsAreTheDerivatives() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {1f, -2f, 3f});
            NDArray w = m.create(new float[] {0.5f, 2f, -1f});
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            List<NDArray> g;
            try (ai.djl.training.GradientCollector gc =
                    ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                g = FusedOps.grads(x.square().mul(w).sum(), List.of(x, w), m);
            }
            assertArrayEquals(new float[] {1f, -8f, -6f}, g.get(0).toFloatArray(), 0f);
            assertArrayEquals(new float[] {1f, 4f, 9f}, g.get(1).toFloatArray(), 0f);
            FusedOps.accumulate(g, g);
            assertArrayEquals(new float[] {2f, 8f, 18f}, g.get(1).toFloatArray(), 0f);
        }
    }

    private static double[] random(java.util.SplittableRandom r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble(-1, 1);
        }
        return out;
    }

    private static float[] floats(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    @Test
    void warmupThenCosine() {
        LrSchedule s = new LrSchedule(1e-3, 10, 110);
        assertEquals(0.0, s.at(0), 1e-15);
        assertEquals(5e-4, s.at(5), 1e-15);
        assertEquals(1e-3, s.at(10), 1e-15);
        // cos(π/4): a quarter of the decay.
        assertEquals(1e-3 * 0.5 * (1 + Math.sqrt(0.5)), s.at(35), 1e-12);
        assertEquals(5e-4, s.at(60), 1e-12);
        assertEquals(0.0, s.at(110), 1e-15);
        assertEquals(1e-3, new LrSchedule(1e-3, 0, 5).at(0), 1e-15);
        assertEquals(3, TrainingConfig.defaults().warmupFor(100)); // 3% rounded up
    }

    @Test
    void clipsToGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray g1 = m.create(new float[] {3f, 0f});
            NDArray g2 = m.create(new float[] {4f});
            float norm = Trainer.clipGlobalNorm(List.of(g1, g2), 1.0, m);
            assertEquals(5f, norm, 1e-6f);
            assertArrayEquals(new float[] {0.6f, 0f}, g1.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.8f}, g2.toFloatArray(), 1e-6f);
            NDArray small = m.create(new float[] {0.3f, 0.4f});
            Trainer.clipGlobalNorm(List.of(small), 1.0, m);
            assertArrayEquals(new float[] {0.3f, 0.4f}, small.toFloatArray(), 0f);
        }
    }
}

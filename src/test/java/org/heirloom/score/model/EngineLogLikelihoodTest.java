package org.heirloom.score.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/** perplexity(model=DIR) through the registry equals a hand computation from full logits. */
class EngineLogLikelihoodTest {

    @Test
    void perplexityMatchesFullLogits() throws Exception {
        var dir = Fixtures.model("stories260k");
        String text = "Lily saw a big red ball in the park.";
        double expectedMean;
        try (LocalModel m = LocalModel.load(dir)) {
            long[] ids = m.tokenizer().encode(text);
            float[][] logits = m.allLogits(ids);
            double sum = 0;
            for (int j = 1; j < ids.length; j++) {
                float[] row = logits[j - 1];
                double max = Double.NEGATIVE_INFINITY;
                for (float v : row) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (float v : row) {
                    z += Math.exp(v - max);
                }
                sum += row[(int) ids[j]] - max - Math.log(z);
            }
            expectedMean = sum / (ids.length - 1);
        }
        MetricRegistry reg =
                MetricRegistry.standard().withLogLikelihoodSource(new EngineLogLikelihood());
        try (Metric ppl = reg.resolve("perplexity(model=" + dir + ")");
                Metric mean = reg.resolve("mean_logprob(model=" + dir + ")")) {
            double[] p = ppl.score(List.of(text, "Once upon a time"));
            assertEquals(Math.exp(-expectedMean), p[0], 1e-3 * Math.exp(-expectedMean));
            assertEquals(expectedMean, mean.score(text), 1e-4);
            assertTrue(p[1] > 1, "a perplexity is above 1");
        }
    }

    /** Windows over ids 0..9 with a context of 4: half a context of new tokens each. */
    @Test
    void windowsScoreEveryTokenOnceWithinTheContext() {
        long[] ids = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<long[]> ctx = new java.util.ArrayList<>();
        List<long[]> cont = new java.util.ArrayList<>();
        assertEquals(5, EngineLogLikelihood.addWindows(ids, 4, ctx, cont));
        long[][] expectedCtx = {{0}, {1, 2}, {3, 4}, {5, 6}, {6, 7, 8}};
        long[][] expectedCont = {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9}};
        for (int i = 0; i < 5; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedCtx[i], ctx.get(i));
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedCont[i], cont.get(i));
        }
        ctx.clear();
        cont.clear();
        assertEquals(1, EngineLogLikelihood.addWindows(new long[] {5, 6, 7}, 4, ctx, cont));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {6, 7}, cont.get(0));
    }

    /**
     * A text longer than the context (stories260k: 512) is scored, not refused, and equals the
     * windowed hand computation from full logits of each window.
     */
    @Test
    void perplexityOfATextLongerThanTheContext() throws Exception {
        var dir = Fixtures.model("stories260k");
        String text = "Lily saw a big red ball in the park. ".repeat(60);
        double sum = 0;
        int n = 0;
        try (LocalModel m = LocalModel.load(dir)) {
            long[] ids = m.tokenizer().encode(text);
            assertTrue(ids.length > 600, "longer than the context: " + ids.length);
            int pos = 1;
            while (pos < ids.length) {
                int end = Math.min(ids.length, pos + 256);
                int start = Math.max(0, end - 512);
                long[] window = java.util.Arrays.copyOfRange(ids, start, end);
                float[][] logits = m.allLogits(window);
                for (int j = pos; j < end; j++) {
                    float[] row = logits[j - start - 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (float v : row) {
                        max = Math.max(max, v);
                    }
                    double z = 0;
                    for (float v : row) {
                        z += Math.exp(v - max);
                    }
                    sum += row[(int) ids[j]] - max - Math.log(z);
                    n++;
                }
                pos = end;
            }
            assertEquals(ids.length - 1, n);
        }
        MetricRegistry reg =
                MetricRegistry.standard().withLogLikelihoodSource(new EngineLogLikelihood());
        try (Metric mean = reg.resolve("mean_logprob(model=" + dir + ")")) {
            double[] got = mean.score(List.of(text, "Once upon a time"));
            assertEquals(sum / n, got[0], 1e-4);
            assertTrue(Double.isFinite(got[1]), "the short text of the same batch is scored");
        }
    }
}

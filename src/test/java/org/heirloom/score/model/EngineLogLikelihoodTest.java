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
}

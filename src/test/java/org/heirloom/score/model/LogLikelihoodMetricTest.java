package org.heirloom.score.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/**
 * Perplexity and mean log-likelihood with a fake model: each whitespace token w gets probability
 * 1/(1 + length of w), so "a bb" has log-probs ln(1/2), ln(1/3).
 */
class LogLikelihoodMetricTest {

    static final class FakeModel implements TokenLogLikelihood {
        final List<String> opened = new ArrayList<>();
        boolean closed;

        @Override
        public double[] logProbs(String text) {
            String[] words = text.isBlank() ? new String[0] : text.trim().split("\\s+");
            double[] lp = new double[words.length];
            for (int i = 0; i < lp.length; i++) {
                lp[i] = Math.log(1.0 / (1 + words[i].length()));
            }
            return lp;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void handComputed() {
        FakeModel fake = new FakeModel();
        MetricRegistry reg =
                MetricRegistry.standard()
                        .withLogLikelihoodSource(
                                model -> {
                                    fake.opened.add(model);
                                    return fake;
                                });
        try (Metric ppl = reg.resolve("perplexity(model=tiny)");
                Metric mean = reg.resolve("mean_logprob(model=tiny)")) {
            // mean = (ln 1/2 + ln 1/3) / 2 = -ln 6 / 2; perplexity = exp(ln 6 / 2) = sqrt 6
            assertEquals(Math.sqrt(6), ppl.score("a bb"), 1e-12);
            assertEquals(-Math.log(6) / 2, mean.score("a bb"), 1e-12);
            // one token of length 3: p = 1/4 -> perplexity 4
            double[] batch = ppl.score(List.of("abc", "a bb", ""));
            assertEquals(4.0, batch[0], 1e-12);
            assertEquals(Math.sqrt(6), batch[1], 1e-12);
            assertTrue(Double.isNaN(batch[2]));
            assertEquals("tiny", ppl.id().params().get("model"));
        }
        assertEquals(List.of("tiny", "tiny"), fake.opened);
        assertTrue(fake.closed);
    }

    @Test
    void withoutEngineTheErrorSaysSo() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MetricRegistry.standard().resolve("perplexity(model=x)"));
        assertTrue(e.getMessage().contains("model engine"), e.getMessage());
    }
}

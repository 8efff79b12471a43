package org.heirloom.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.junit.jupiter.api.Test;

/**
 * Plain greedy decoding picks its token and log-probability on the native side; both must be what
 * the host sampler would have computed from the whole row.
 */
class NativeGreedyTest {

    @Test
    void nativeArgmaxTakesFirstIndexOnTiesAndItsLogSoftmax() {
        float[] rows = {1f, 3f, 3f, 0f, 5f, 5f, -1f, 2f, -7f, 0.5f, 0.25f, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(rows, new Shape(3, 1, 4)); // [B, 1, vocab] as decoded
            Generator.StepLogits s = Generator.read(logits, true);
            assertNull(s.logits());
            assertArrayEquals(new long[] {1, 0, 1}, s.greedyIds());
            // Hand-computed: log(e^3 / (e + 2e^3 + 1)) and log(e^5 / (2e^5 + e^-1 + e^2)).
            double e = Math.E;
            assertEquals(
                    Math.log(Math.pow(e, 3) / (e + 2 * Math.pow(e, 3) + 1)),
                    s.greedyLogprobs()[0],
                    1e-12);
            assertEquals(
                    Math.log(Math.pow(e, 5) / (2 * Math.pow(e, 5) + 1 / e + e * e)),
                    s.greedyLogprobs()[1],
                    1e-12);
            for (int i = 0; i < 3; i++) {
                double[] row = new double[4];
                for (int j = 0; j < 4; j++) {
                    row[j] = rows[i * 4 + j];
                }
                assertEquals(Sampler.argmax(row), s.greedyIds()[i], "row " + i);
                assertEquals(
                        Sampler.logprob(rows, i * 4, 4, Sampler.argmax(row)),
                        s.greedyLogprobs()[i],
                        1e-12,
                        "row " + i);
            }
            Generator.StepLogits host = Generator.read(logits, false);
            assertArrayEquals(rows, host.logits());
            assertNull(host.greedyIds());
            // Sampling reads log-probabilities as logit − log-sum-exp of the row.
            for (int i = 0; i < 3; i++) {
                for (int id = 0; id < 4; id++) {
                    assertEquals(
                            Sampler.logprob(rows, i * 4, 4, id),
                            rows[i * 4 + id] - host.logSumExp()[i],
                            1e-12,
                            "row " + i + " id " + id);
                }
            }
        }
    }

    @Test
    void greedyGenerationAgreesWithTheHostSoftmaxOfAFullForward() throws Exception {
        agreesWithFullForward(GenerationOptions.greedy(6), true);
    }

    @Test
    void sampledLogprobsAreTheHostSoftmaxOfAFullForward() throws Exception {
        agreesWithFullForward(new GenerationOptions(6, 0.9, 0.95, 0, 1.0, List.of()), false);
    }

    private static void agreesWithFullForward(GenerationOptions options, boolean greedy)
            throws Exception {
        try (LocalModel model =
                LocalModel.builder().optRandomInit(Fixtures.smallLlama(true), 11, 0.3).build()) {
            List<SequenceRequest> reqs =
                    List.of(
                            new SequenceRequest(new long[] {1, 5, 9, 33, 2}, 0),
                            new SequenceRequest(new long[] {1, 70}, 1));
            Generator g = new Generator(model.decoder(), List.of(), null);
            List<GeneratedSequence> out = g.generate(reqs, options, JobContext.none());
            for (int r = 0; r < reqs.size(); r++) {
                long[] prompt = reqs.get(r).promptIds();
                long[] gen = out.get(r).ids();
                assertEquals(6, gen.length);
                long[] all = new long[prompt.length + gen.length];
                System.arraycopy(prompt, 0, all, 0, prompt.length);
                System.arraycopy(gen, 0, all, prompt.length, gen.length);
                float[][] logits = model.allLogits(all); // uncached, one sequence alone
                for (int i = 0; i < gen.length; i++) {
                    float[] row = logits[prompt.length - 1 + i];
                    double[] d = new double[row.length];
                    for (int j = 0; j < row.length; j++) {
                        d[j] = row[j];
                    }
                    if (greedy) {
                        assertEquals(Sampler.argmax(d), gen[i], "sequence " + r + " token " + i);
                    }
                    assertEquals(
                            Sampler.logprob(row, 0, row.length, (int) gen[i]),
                            out.get(r).logprobs()[i],
                            1e-5,
                            "sequence " + r + " token " + i);
                }
            }
        }
    }
}

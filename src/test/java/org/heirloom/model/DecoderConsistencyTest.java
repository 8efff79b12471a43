package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.safetensors.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties the engine must have whatever the weights: saving, caching, batching. */
class DecoderConsistencyTest {

    @TempDir Path tmp;

    private static LocalModel random(ModelConfig c, long seed) throws Exception {
        // Large weights (like the shared fixtures) so outputs depend strongly on the input.
        return LocalModel.builder().optRandomInit(c, seed, 0.3).build();
    }

    @Test
    void savedAndReloadedModelGivesBitIdenticalLogits() throws Exception {
        long[] ids = {1, 5, 9, 33, 2, 71, 70, 3};
        for (ModelConfig c :
                List.of(
                        Fixtures.smallLlama(true),
                        Fixtures.smallLlama(false),
                        Fixtures.smallQwen2())) {
            Path dir = tmp.resolve(c.modelType() + c.tieWordEmbeddings());
            float[][] before;
            try (LocalModel m = random(c, 42)) {
                before = m.allLogits(ids);
                m.save(dir);
            }
            assertTrue(Files.isRegularFile(dir.resolve("config.json")));
            assertTrue(Files.isRegularFile(dir.resolve("generation_config.json")));
            assertEquals(
                    DecoderModel.expectedNames(c),
                    new ArrayList<>(SafeTensors.read(dir.resolve("model.safetensors")).keySet()));
            try (LocalModel m = LocalModel.load(dir)) {
                assertEquals(c, m.config());
                float[][] after = m.allLogits(ids);
                for (int i = 0; i < ids.length; i++) {
                    assertArrayEquals(before[i], after[i], 0f, "position " + i);
                }
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() throws Exception {
        long[] ids = {1, 4, 8};
        try (LocalModel a = random(Fixtures.smallLlama(true), 1);
                LocalModel b = random(Fixtures.smallLlama(true), 1);
                LocalModel c = random(Fixtures.smallLlama(true), 2)) {
            assertArrayEquals(a.allLogits(ids)[2], b.allLogits(ids)[2], 0f);
            assertNotEquals(a.allLogits(ids)[2][0], c.allLogits(ids)[2][0]);
        }
    }

    /** KV-cache decoding must give what recomputing the whole sequence gives. */
    @Test
    void kvCacheDecodingEqualsFullRecomputation() throws Exception {
        List<LocalModel> models = new ArrayList<>();
        models.add(random(Fixtures.smallLlama(false), 3));
        models.add(random(Fixtures.smallQwen2(), 4));
        String shared = System.getProperty("heirloom.shared");
        if (shared != null && Files.isDirectory(Path.of(shared, "models", "tiny-qwen2"))) {
            models.add(LocalModel.load(Path.of(shared, "models", "tiny-qwen2")));
            models.add(LocalModel.load(Path.of(shared, "models", "tiny-llama-untied-bf16")));
        }
        try {
            for (LocalModel m : models) {
                long[] prompt = {1, 17, 40, 41, 12};
                GeneratedSequence g =
                        m.newGenerator()
                                .generate(
                                        List.of(new SequenceRequest(prompt, 0)),
                                        GenerationOptions.greedy(24),
                                        JobContext.none())
                                .get(0);
                long[] all = new long[prompt.length + g.ids().length];
                System.arraycopy(prompt, 0, all, 0, prompt.length);
                System.arraycopy(g.ids(), 0, all, prompt.length, g.ids().length);
                float[][] full = m.allLogits(all);
                for (int i = 0; i < g.ids().length; i++) {
                    float[] row = full[prompt.length - 1 + i];
                    assertEquals(argmax(row), g.ids()[i], m.config().modelType() + " step " + i);
                    assertEquals(
                            logSoftmax(row, (int) g.ids()[i]), g.logprobs()[i], 1e-5, "step " + i);
                }
            }
        } finally {
            models.forEach(LocalModel::close);
        }
    }

    /** k candidates of several prompts in one batch = each sequence alone, greedy and sampled. */
    @Test
    void batchedGenerationEqualsOneByOne() throws Exception {
        try (LocalModel m = random(Fixtures.smallQwen2(), 5)) {
            List<SequenceRequest> reqs = new ArrayList<>();
            long[][] prompts = {{1, 20}, {1, 30, 31, 32, 33, 34, 35}, {1, 60, 61, 62}};
            for (long[] p : prompts) {
                for (long seed : new long[] {11, 12}) {
                    reqs.add(new SequenceRequest(p, seed));
                }
            }
            for (GenerationOptions o :
                    List.of(
                            GenerationOptions.greedy(16),
                            new GenerationOptions(16, 0.9, 0.95, 40, 1.2, List.of()),
                            new GenerationOptions(16, 1.5, 1.0, 0, 1.0, List.of()))) {
                List<GeneratedSequence> batched =
                        m.newGenerator().generate(reqs, o, JobContext.none());
                // Reversed order, one at a time: composition and position in the batch must not
                // matter.
                for (int i = reqs.size() - 1; i >= 0; i--) {
                    GeneratedSequence alone =
                            m.newGenerator()
                                    .generate(List.of(reqs.get(i)), o, JobContext.none())
                                    .get(0);
                    assertArrayEquals(alone.ids(), batched.get(i).ids(), "sequence " + i + " " + o);
                    assertArrayEquals(alone.logprobs(), batched.get(i).logprobs(), 1e-4);
                    assertEquals(alone.finishReason(), batched.get(i).finishReason());
                }
                if (!o.greedy()) {
                    assertNotEquals(
                            java.util.Arrays.toString(batched.get(0).ids()),
                            java.util.Arrays.toString(batched.get(1).ids()),
                            "two seeds, same prompt, same sample");
                }
            }
        }
    }

    /** The training path reads the named parameters: same logits, and gradients reach them. */
    @Test
    void unfusedTrainingPathMatchesAndCarriesGradients() throws Exception {
        long[] ids = {1, 7, 9, 11, 13};
        try (LocalModel fused = random(Fixtures.smallLlama(false), 8);
                LocalModel plain =
                        LocalModel.builder()
                                .optRandomInit(Fixtures.smallLlama(false), 8, 0.3)
                                .optFuse(false)
                                .build()) {
            float[][] a = fused.allLogits(ids);
            float[][] b = plain.allLogits(ids);
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(a[i], b[i], 1e-4f);
            }
            for (DecoderModel d : List.of(plain.decoder(), fused.decoder())) {
                assertGradientReachesParameters(d, ids);
            }
        }
    }

    /** Parameters of a fused model are views of the fused matrices; they must still train. */
    private static void assertGradientReachesParameters(DecoderModel d, long[] ids) {
        {
            d.prepareForTraining();
            try (NDManager m = d.manager().newSubManager();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits =
                        d.forward(
                                m.create(ids, new Shape(1, ids.length)),
                                m.create(new long[] {0, 1, 2, 3, 4}, new Shape(1, ids.length)),
                                null,
                                null);
                // Last position: at position 0 attention has one key, so k would get no gradient.
                NDArray loss = logits.logSoftmax(-1).get("0, 4, 7").neg();
                gc.backward(loss);
                NDArray grad =
                        d.parameters().get("model.layers.1.mlp.up_proj.weight").getGradient();
                assertTrue(grad.abs().sum().getFloat() > 0, "no gradient reached up_proj");
                NDArray qGrad =
                        d.parameters().get("model.layers.0.self_attn.k_proj.weight").getGradient();
                assertTrue(qGrad.abs().sum().getFloat() > 0, "no gradient reached k_proj");
            }
        }
    }

    static int argmax(float[] x) {
        int b = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[b]) {
                b = i;
            }
        }
        return b;
    }

    static double logSoftmax(float[] x, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (float v : x) {
            s += Math.exp(v - max);
        }
        return x[id] - max - Math.log(s);
    }
}

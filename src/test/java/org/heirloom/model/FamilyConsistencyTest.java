package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The other families' fixtures through the engine's fast paths: cached decoding equals recomputing
 * each prefix from scratch, and a batch equals its sequences alone. The prompts are longer than the
 * sliding windows (8), so the windowed masks of both paths are exercised.
 */
class FamilyConsistencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // 20 ids: BOS and 19 characters, as long as the fixtures' "The quick brown fox".
    private static final long[] LONG_PROMPT = {
        1, 55, 72, 69, 3, 84, 88, 76, 70, 78, 3, 69, 85, 82, 90, 81, 3, 71, 82, 91
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "tiny-qwen3",
                "tiny-gemma2",
                "tiny-gemma3",
                "tiny-phi3",
                "tiny-phi3-partial-longrope",
                "tiny-olmo2",
                "tiny-smollm3"
            })
    void cachedDecodingEqualsRecomputationAndBatchEqualsAlone(String name) throws Exception {
        try (LocalModel m = LocalModel.load(Fixtures.model(name))) {
            Arch a = m.config().arch();
            if (name.contains("gemma")) {
                assertTrue(a.anySliding(), "Gemma fixtures have sliding layers");
                assertTrue(
                        a.slidingWindow() < LONG_PROMPT.length,
                        "the prompt must be longer than the window " + a.slidingWindow());
            }
            assertCachedEqualsRecomputed(m, LONG_PROMPT, 30);
            assertBatchEqualsAlone(m);
        }
    }

    /**
     * Phi-3 longrope with original_max_position_embeddings 16: the sequence crosses it while
     * decoding, every key is re-rotated with the long factors, and the cached engine must give what
     * recomputation gives (it prefills again there).
     */
    @Test
    void longropeCrossingOriginalMaxPrefillsAgain() throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("model_type", "phi3");
        o.put("vocab_size", 99);
        o.put("hidden_size", 64);
        o.put("intermediate_size", 96);
        o.put("num_hidden_layers", 2);
        o.put("num_attention_heads", 4);
        o.put("num_key_value_heads", 2);
        o.put("max_position_embeddings", 256);
        o.put("original_max_position_embeddings", 16);
        o.put("partial_rotary_factor", 0.75);
        o.put("tie_word_embeddings", true);
        ObjectNode rs = o.putObject("rope_scaling");
        rs.put("type", "longrope");
        rs.putArray("short_factor").add(1.0).add(1.2).add(1.5).add(2.0).add(2.5).add(3.0);
        rs.putArray("long_factor").add(1.0).add(2.0).add(4.0).add(8.0).add(16.0).add(32.0);
        ModelConfig c = ModelConfig.parse(o, "phi3.json");
        // sqrt(1 + ln(256/16) / ln 16) = sqrt(2)
        assertEquals(Math.sqrt(2), c.arch().longRope().attentionFactor(), 1e-12);
        try (LocalModel m = LocalModel.builder().optRandomInit(c, 9, 0.3).build()) {
            long[] prompt = Arrays.copyOf(LONG_PROMPT, 10);
            GeneratedSequence g = assertCachedEqualsRecomputed(m, prompt, 20);
            assertTrue(prompt.length + g.ids().length > 17, "the sequence crossed 16");
            // The long factors matter: the same ids scored as one 30-token sequence (long) and
            // as a 16-token prefix (short) give different predictions at position 15.
            long[] all = concat(prompt, g.ids());
            float[] asLong = m.allLogits(all)[15];
            float[] asShort = m.allLogits(Arrays.copyOf(all, 16))[15];
            assertNotEquals(asLong[(int) all[16]], asShort[(int) all[16]], 1e-3);
            assertBatchEqualsAlone(m);
        }
    }

    /**
     * Likelihoods of the reference's greedy continuations, both prompts of a model in one
     * right-padded batch, equal the reference's log-probs (EXPECTED.jsonl).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "tiny-qwen3",
                "tiny-gemma2",
                "tiny-gemma3",
                "tiny-phi3",
                "tiny-phi3-partial-longrope",
                "tiny-olmo2",
                "tiny-smollm3"
            })
    void likelihoodsOfTheReferenceContinuationsMatchIt(String name) throws Exception {
        List<long[]> contexts = new ArrayList<>();
        List<long[]> continuations = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (String line :
                java.nio.file.Files.readAllLines(Fixtures.models().resolve("EXPECTED.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            var n = JSON.readTree(line);
            if (!n.get("model").asText().equals(name)) {
                continue;
            }
            contexts.add(longs(n.get("prompt_ids")));
            continuations.add(longs(n.get("greedy_ids")));
            double[] lp = new double[n.get("logprobs").size()];
            for (int i = 0; i < lp.length; i++) {
                lp[i] = n.get("logprobs").get(i).asDouble();
            }
            expected.add(lp);
        }
        assertEquals(2, contexts.size(), name + " lines");
        try (LocalModel m = LocalModel.load(Fixtures.model(name))) {
            List<double[]> got = m.likelihood().tokenLogprobs(contexts, continuations, 2);
            for (int k = 0; k < contexts.size(); k++) {
                double[] want = expected.get(k);
                // The reference lists EOS's log-prob too when it stopped there; both have it.
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got.get(k)[i], 1e-4, name + " line " + k + " id " + i);
                }
            }
        }
    }

    private static long[] longs(com.fasterxml.jackson.databind.JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static GeneratedSequence assertCachedEqualsRecomputed(
            LocalModel m, long[] prompt, int steps) {
        GeneratedSequence g =
                m.newGenerator()
                        .generate(
                                List.of(new SequenceRequest(prompt, 0)),
                                GenerationOptions.greedy(steps),
                                JobContext.none())
                        .get(0);
        long[] all = concat(prompt, g.ids());
        for (int i = 0; i < g.ids().length; i++) {
            // The prediction of step i from the prefix alone, no cache.
            float[][] full = m.allLogits(Arrays.copyOf(all, prompt.length + i));
            float[] row = full[full.length - 1];
            String at = m.config().modelType() + " step " + i;
            assertEquals(DecoderConsistencyTest.argmax(row), g.ids()[i], at);
            assertEquals(
                    DecoderConsistencyTest.logSoftmax(row, (int) g.ids()[i]),
                    g.logprobs()[i],
                    1e-4,
                    at);
        }
        return g;
    }

    private static void assertBatchEqualsAlone(LocalModel m) {
        List<SequenceRequest> reqs = new ArrayList<>();
        for (long[] p :
                new long[][] {
                    Arrays.copyOf(LONG_PROMPT, 3), LONG_PROMPT, Arrays.copyOf(LONG_PROMPT, 11)
                }) {
            reqs.add(new SequenceRequest(p, 21));
            reqs.add(new SequenceRequest(p, 22));
        }
        for (GenerationOptions o :
                List.of(
                        GenerationOptions.greedy(12),
                        new GenerationOptions(12, 1.0, 0.95, 40, 1.0, List.of()))) {
            List<GeneratedSequence> batched = m.newGenerator().generate(reqs, o, JobContext.none());
            for (int i = 0; i < reqs.size(); i++) {
                GeneratedSequence alone =
                        m.newGenerator()
                                .generate(List.of(reqs.get(i)), o, JobContext.none())
                                .get(0);
                assertArrayEquals(alone.ids(), batched.get(i).ids(), "sequence " + i + " " + o);
                assertArrayEquals(alone.logprobs(), batched.get(i).logprobs(), 1e-4);
            }
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

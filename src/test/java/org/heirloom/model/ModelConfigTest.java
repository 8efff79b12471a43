package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode base(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model_type", type);
        o.put("vocab_size", 99);
        o.put("hidden_size", 64);
        o.put("intermediate_size", 160);
        o.put("num_hidden_layers", 2);
        o.put("num_attention_heads", 4);
        o.put("num_key_value_heads", 2);
        o.put("max_position_embeddings", 512);
        return o;
    }

    private static String error(ObjectNode o) {
        return assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(o, "cfg.json"))
                .getMessage();
    }

    @Test
    void parsesLlamaQwen2AndMistralDefaults() {
        ModelConfig l = ModelConfig.parse(base("llama"), "x");
        assertEquals(16, l.headDim());
        assertFalse(l.qkvBias());
        assertFalse(l.tieWordEmbeddings()); // LlamaConfig's default
        assertEquals(10000.0, l.ropeTheta());
        ModelConfig q = ModelConfig.parse(base("qwen2"), "x");
        assertTrue(q.qkvBias(), "Qwen2 always has q/k/v biases");
        assertFalse(q.oBias());
        ObjectNode m = base("mistral");
        m.putNull("sliding_window");
        assertEquals(512, ModelConfig.parse(m, "x").maxContext());
        ObjectNode hd = base("llama");
        hd.put("head_dim", 8);
        hd.put("eos_token_id", JSON.createArrayNode().add(2).add(7));
        assertEquals(8, ModelConfig.parse(hd, "x").headDim());
        assertEquals(List.of(2, 7), ModelConfig.parse(hd, "x").eosTokenIds());
    }

    @Test
    void errorsNameTheField() {
        assertTrue(error(base("gpt2")).contains("cfg.json: field 'model_type' is 'gpt2'"));
        ObjectNode rs = base("llama");
        rs.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0);
        assertTrue(error(rs).contains("field 'rope_scaling'") && error(rs).contains("yarn"));
        ObjectNode act = base("llama");
        act.put("hidden_act", "gelu");
        assertTrue(error(act).contains("field 'hidden_act'"));
        ObjectNode kv = base("llama");
        kv.put("num_key_value_heads", 3);
        assertTrue(error(kv).contains("'num_key_value_heads'"));
        ObjectNode missing = base("llama");
        missing.remove("hidden_size");
        assertTrue(error(missing).contains("field 'hidden_size'"));
        ObjectNode sw = base("qwen2");
        sw.put("use_sliding_window", true);
        sw.put("sliding_window", "wide");
        assertTrue(error(sw).contains("field 'sliding_window'"));
    }

    @Test
    void llama3RopeScalingFollowsTransformers() {
        ObjectNode o = base("llama");
        o.put("rope_theta", 500000.0);
        o.putObject("rope_scaling")
                .put("rope_type", "llama3")
                .put("factor", 32.0)
                .put("low_freq_factor", 1.0)
                .put("high_freq_factor", 4.0)
                .put("original_max_position_embeddings", 8192);
        ModelConfig c = ModelConfig.parse(o, "x");
        double[] inv = RoPE.inverseFrequencies(c);
        // j = 0: wavelength 2π < 2048 (high-frequency band): unchanged.
        assertEquals(1.0, inv[0], 1e-15);
        // j = 7 (last): theta^(-14/16), wavelength ≈ 610,000 > 8192: divided by the factor.
        assertEquals(Math.pow(500000.0, -14.0 / 16) / 32, inv[7], 1e-18);
    }

    /** A sliding window shorter than the context caps it; going past names the field. */
    @Test
    void slidingWindowCapsContext() throws Exception {
        ObjectNode o = base("mistral");
        o.put("sliding_window", 12);
        ModelConfig c = ModelConfig.parse(o, "x");
        assertEquals(12, c.maxContext());
        try (LocalModel m = LocalModel.builder().optRandomInit(c, 1).build()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    m.newGenerator()
                                            .generate(
                                                    List.of(
                                                            new SequenceRequest(
                                                                    new long[] {1, 2, 3}, 0)),
                                                    GenerationOptions.greedy(10),
                                                    JobContext.none()));
            assertTrue(
                    e.getMessage().contains("context of 12")
                            && e.getMessage().contains("sliding_window"),
                    e.getMessage());
        }
    }

    @Test
    void toJsonParsesBackToTheSameConfig() {
        for (ModelConfig c :
                List.of(
                        Fixtures.smallLlama(true),
                        Fixtures.smallLlama(false),
                        Fixtures.smallQwen2())) {
            assertEquals(c, ModelConfig.parse(c.toJson(), "x"));
        }
    }
}

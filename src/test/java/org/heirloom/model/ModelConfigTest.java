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

    /** Issue #11: numbers that would overflow or make no sense get one line naming the field. */
    @Test
    void configNumbersAreValidated() {
        ObjectNode theta = base("llama");
        theta.put("rope_theta", -1);
        assertTrue(
                error(theta).startsWith("cfg.json: field 'rope_theta' must be a positive number"));
        ObjectNode big = base("llama");
        big.put("max_position_embeddings", 2147483648L);
        String e = error(big);
        assertTrue(e.startsWith("cfg.json: field 'max_position_embeddings'"), e);
        assertFalse(e.contains("-2147483648"), e);
        ObjectNode eps = base("qwen3");
        eps.put("rms_norm_eps", "tiny");
        assertTrue(error(eps).contains("field 'rms_norm_eps'"));
        ObjectNode moe = base("qwen3");
        moe.put("num_experts", 8);
        assertTrue(error(moe).contains("field 'num_experts'"));
        ObjectNode yarn = base("qwen3");
        yarn.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0);
        assertTrue(error(yarn).contains("field 'rope_scaling'") && error(yarn).contains("yarn"));
        ObjectNode phiYarn = base("phi3");
        phiYarn.putObject("rope_scaling").put("type", "yarn");
        assertTrue(error(phiYarn).contains("field 'rope_scaling'"));
        ObjectNode badLong = base("phi3");
        badLong.putObject("rope_scaling").put("type", "longrope").putArray("short_factor").add(1);
        assertTrue(error(badLong).contains("field 'rope_scaling.short_factor'"), error(badLong));
        ObjectNode types = base("gemma3_text");
        types.putArray("layer_types").add("sliding_attention").add("chunked_attention");
        assertTrue(error(types).contains("field 'layer_types'"));
    }

    /** Defaults of transformers' config classes when the keys are absent, family by family. */
    @Test
    void familyDefaultsFollowTheirConfigClasses() {
        ModelConfig q3 = ModelConfig.parse(base("qwen3"), "x");
        assertEquals(128, q3.headDim(), "Qwen3Config.head_dim");
        assertEquals(Arch.QkNorm.PER_HEAD, q3.arch().qkNorm());
        assertFalse(q3.qkvBias(), "Qwen3 has no q/k/v biases");

        ModelConfig g2 = ModelConfig.parse(base("gemma2"), "x");
        assertEquals(256, g2.headDim());
        assertEquals(50.0, g2.arch().attnSoftcap());
        assertEquals(30.0, g2.arch().finalSoftcap());
        assertEquals(1 / 16.0, g2.arch().queryScale(), 1e-15, "query_pre_attn_scalar 256");
        assertTrue(g2.tieWordEmbeddings());
        assertEquals(java.util.List.of(true, false), g2.arch().slidingLayers());
        assertEquals(8f, g2.arch().embedScale(), "sqrt(64)");

        ObjectNode g3 = base("gemma3_text");
        g3.put("attn_logit_softcapping", 50.0); // Gemma 3 ignores it
        g3.put("num_hidden_layers", 6);
        ModelConfig c3 = ModelConfig.parse(g3, "x");
        assertEquals(0.0, c3.arch().attnSoftcap());
        assertEquals(0.0, c3.arch().finalSoftcap());
        assertEquals(
                java.util.List.of(true, true, true, true, true, false),
                c3.arch().slidingLayers(),
                "sliding_window_pattern 6: layer 5 global");
        assertEquals(10000.0, c3.arch().localRopeTheta());
        assertEquals(1e6, c3.ropeTheta());

        ModelConfig phi = ModelConfig.parse(base("phi3"), "x");
        assertTrue(phi.arch().fusedCheckpoint());
        assertEquals(0, phi.arch().rotaryDim(), "full rotary");

        ObjectNode smol = base("smollm3");
        smol.put("num_hidden_layers", 8);
        ModelConfig s3 = ModelConfig.parse(smol, "x");
        assertTrue(s3.tieWordEmbeddings(), "SmolLM3Config ties by default");
        // no_rope_layer_interval 4: layers 3 and 7 go without RoPE.
        assertEquals(
                java.util.List.of(true, true, true, false, true, true, true, false),
                s3.arch().ropeLayers());
        smol.putArray("no_rope_layers").add(0).add(1).add(1).add(1).add(1).add(1).add(1).add(1);
        assertFalse(ModelConfig.parse(smol, "x").arch().rope(0), "0 means no RoPE");
        assertTrue(ModelConfig.parse(smol, "x").arch().rope(1), "1 means RoPE");

        ModelConfig olmo = ModelConfig.parse(base("olmo2"), "x");
        assertEquals(Arch.Norms.POST, olmo.arch().norms());
        assertEquals(Arch.QkNorm.FULL, olmo.arch().qkNorm());
    }

    /** transformers builds Gemma's √hidden as a tensor of the model's dtype: it is rounded. */
    @Test
    void gemmaEmbeddingScaleIsRoundedToTheDtype() {
        // sqrt(640) = 25.2982...; bfloat16 keeps 8 significant bits: 25.25.
        assertEquals(25.25f, Families.embedScale(640, "bfloat16"));
        // float16 (11 bits): 25.296875.
        assertEquals(25.296875f, Families.embedScale(640, "float16"));
        assertEquals((float) Math.sqrt(640), Families.embedScale(640, "float32"));
    }

    /** Every family's fixture config survives toJson → parse (models created in memory save it). */
    @Test
    void familyConfigsRoundTripThroughToJson() throws Exception {
        for (String name :
                List.of(
                        "tiny-qwen3",
                        "tiny-gemma2",
                        "tiny-gemma3",
                        "tiny-phi3",
                        "tiny-phi3-partial-longrope",
                        "tiny-olmo2",
                        "tiny-smollm3")) {
            ModelConfig c = ModelConfig.read(Fixtures.model(name));
            assertEquals(c, ModelConfig.parse(c.toJson(), "x"), name);
        }
    }
}

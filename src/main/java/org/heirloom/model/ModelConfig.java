package org.heirloom.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of a Hugging Face {@code config.json} the decoder needs: the Llama layout ({@code
 * LlamaForCausalLM} semantics; Qwen2 adds q/k/v biases) plus what each other family changes in
 * {@link #arch()} (read by {@link Families}).
 *
 * @param modelType {@code llama}, {@code qwen2}, {@code mistral}, {@code qwen3}, {@code gemma2},
 *     {@code gemma3_text}, {@code gemma3} (its language model), {@code phi3}, {@code olmo2} or
 *     {@code smollm3}
 * @param vocabSize rows of the embedding table
 * @param hiddenSize model width
 * @param intermediateSize SwiGLU inner width
 * @param numLayers decoder layers
 * @param numHeads query heads
 * @param numKvHeads key/value heads (GQA when fewer than query heads)
 * @param headDim width of one head
 * @param ropeTheta rotary base
 * @param rmsNormEps RMSNorm epsilon
 * @param tieWordEmbeddings lm_head shares the embedding matrix
 * @param qkvBias q/k/v projections have biases (Qwen2, or Llama's attention_bias)
 * @param oBias o_proj has a bias (Llama's attention_bias)
 * @param maxContext longest sequence the model attends over exactly (max_position_embeddings,
 *     capped by an active sliding window)
 * @param ropeScaling rotary scaling, or null
 * @param bosTokenId BOS id, or -1
 * @param eosTokenIds ids that end generation
 * @param arch the family's features ({@link Arch#LLAMA} for none)
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double ropeTheta,
        double rmsNormEps,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean oBias,
        int maxContext,
        RopeScaling ropeScaling,
        int bosTokenId,
        List<Integer> eosTokenIds,
        Arch arch) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES =
            Set.of(
                    "llama",
                    "qwen2",
                    "mistral",
                    "qwen3",
                    "gemma2",
                    "gemma3_text",
                    "gemma3",
                    "phi3",
                    "olmo2",
                    "smollm3");
    private static final String SUPPORTED =
            "llama, qwen2, mistral, qwen3, gemma2, gemma3_text, gemma3 (text), phi3, olmo2,"
                    + " smollm3";

    /** A config of the Llama layout (no family features). */
    public ModelConfig(
            String modelType,
            int vocabSize,
            int hiddenSize,
            int intermediateSize,
            int numLayers,
            int numHeads,
            int numKvHeads,
            int headDim,
            double ropeTheta,
            double rmsNormEps,
            boolean tieWordEmbeddings,
            boolean qkvBias,
            boolean oBias,
            int maxContext,
            RopeScaling ropeScaling,
            int bosTokenId,
            List<Integer> eosTokenIds) {
        this(
                modelType,
                vocabSize,
                hiddenSize,
                intermediateSize,
                numLayers,
                numHeads,
                numKvHeads,
                headDim,
                ropeTheta,
                rmsNormEps,
                tieWordEmbeddings,
                qkvBias,
                oBias,
                maxContext,
                ropeScaling,
                bosTokenId,
                eosTokenIds,
                Arch.LLAMA);
    }

    /**
     * Rotary scaling of Llama 3.x ({@code rope_type: llama3}) or plain linear scaling.
     *
     * @param type {@code llama3} or {@code linear}
     * @param factor scale factor
     * @param lowFreqFactor llama3 only
     * @param highFreqFactor llama3 only
     * @param originalMaxPositions llama3 only
     */
    public record RopeScaling(
            String type,
            double factor,
            double lowFreqFactor,
            double highFreqFactor,
            int originalMaxPositions) {}

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        arch = arch == null ? Arch.LLAMA : arch;
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException(
                    "field 'num_key_value_heads' ("
                            + numKvHeads
                            + ") must divide num_attention_heads ("
                            + numHeads
                            + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("field 'head_dim' must be even, got " + headDim);
        }
    }

    /** A plain Llama config (used to create models from scratch). */
    public static ModelConfig llama(
            int vocabSize,
            int hiddenSize,
            int intermediateSize,
            int numLayers,
            int numHeads,
            int numKvHeads,
            boolean tied) {
        return new ModelConfig(
                "llama",
                vocabSize,
                hiddenSize,
                intermediateSize,
                numLayers,
                numHeads,
                numKvHeads,
                hiddenSize / numHeads,
                10000.0,
                1e-5,
                tied,
                false,
                false,
                2048,
                null,
                1,
                List.of(2));
    }

    /**
     * The config for weights stored in {@code dtype}: Gemma's √hidden embedding scale is rounded to
     * the weights' dtype, as transformers' normalizer tensor is (config.json's torch_dtype may be
     * absent or, for multimodal checkpoints, outside text_config).
     */
    public ModelConfig withWeightDType(org.heirloom.model.safetensors.DType dtype) {
        if (arch.embedScale() == 1f) {
            return this;
        }
        String name =
                switch (dtype) {
                    case F32 -> "float32";
                    case F16 -> "float16";
                    case BF16 -> "bfloat16";
                };
        Arch a =
                new Arch(
                        arch.gelu(),
                        arch.qkNorm(),
                        arch.unitOffsetNorm(),
                        arch.norms(),
                        Families.embedScale(hiddenSize, name),
                        arch.queryScale(),
                        arch.attnSoftcap(),
                        arch.finalSoftcap(),
                        arch.slidingWindow(),
                        arch.slidingLayers(),
                        arch.ropeLayers(),
                        arch.localRopeTheta(),
                        arch.rotaryDim(),
                        arch.longRope(),
                        arch.fusedCheckpoint(),
                        arch.imageTokenId());
        return new ModelConfig(
                modelType,
                vocabSize,
                hiddenSize,
                intermediateSize,
                numLayers,
                numHeads,
                numKvHeads,
                headDim,
                ropeTheta,
                rmsNormEps,
                tieWordEmbeddings,
                qkvBias,
                oBias,
                maxContext,
                ropeScaling,
                bosTokenId,
                eosTokenIds,
                a);
    }

    /** Same config with another tokenizer size / special ids. */
    public ModelConfig withVocab(int vocab, int bos, List<Integer> eos) {
        return new ModelConfig(
                modelType,
                vocab,
                hiddenSize,
                intermediateSize,
                numLayers,
                numHeads,
                numKvHeads,
                headDim,
                ropeTheta,
                rmsNormEps,
                tieWordEmbeddings,
                qkvBias,
                oBias,
                maxContext,
                ropeScaling,
                bos,
                eos,
                arch);
    }

    /** Parameter count (embeddings and lm_head included, counted once when tied). */
    public long parameterCount() {
        long h = hiddenSize;
        long q = (long) numHeads * headDim;
        long kv = (long) numKvHeads * headDim;
        long attn = h * q + 2 * h * kv + q * h + (qkvBias ? q + 2 * kv : 0) + (oBias ? h : 0);
        long mlp = 3 * h * intermediateSize;
        long layer = attn + mlp + 2 * h;
        long emb = (long) vocabSize * h;
        return emb + (tieWordEmbeddings ? 0 : emb) + numLayers * layer + h;
    }

    /** Reads {@code config.json} (and {@code generation_config.json}'s EOS ids when present). */
    public static ModelConfig read(Path modelDir) throws IOException {
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    modelDir + ": no config.json (not a model directory)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage());
        }
        ModelConfig c = parse(root, file.toString());
        Path gen = modelDir.resolve("generation_config.json");
        if (Files.isRegularFile(gen)) {
            JsonNode g;
            try {
                g = JSON.readTree(gen.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        gen + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            List<Integer> eos = intList(g == null ? null : g.get("eos_token_id"));
            if (!eos.isEmpty()) {
                c = c.withVocab(c.vocabSize, c.bosTokenId, eos);
            }
        }
        return c;
    }

    /** Parses a config; errors name {@code source} and the offending field. */
    public static ModelConfig parse(JsonNode root, String source) {
        String type = root.path("model_type").asText("");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    source + ": field 'model_type' is '" + type + "'; supported: " + SUPPORTED);
        }
        JsonNode top = root;
        if (type.equals("gemma3")) {
            // The multimodal checkpoint: its language model is a gemma3_text config; the vision
            // tower's weights are left unread and images are not accepted.
            if (!root.path("text_config").isObject()) {
                throw new IllegalArgumentException(
                        source + ": field 'text_config' is missing (model_type gemma3)");
            }
            root = root.get("text_config");
        }
        refuseUnsupported(root, source);
        boolean gemma = type.startsWith("gemma");
        String actField =
                gemma && root.hasNonNull("hidden_activation") ? "hidden_activation" : "hidden_act";
        String act = root.path(actField).asText(gemma ? "gelu_pytorch_tanh" : "silu");
        boolean gelu = act.equals("gelu_pytorch_tanh");
        if (!act.equals("silu") && !(gemma && gelu)) {
            throw new IllegalArgumentException(
                    source
                            + ": field '"
                            + actField
                            + "' is '"
                            + act
                            + "'; supported: "
                            + (gemma ? "'gelu_pytorch_tanh'" : "'silu'"));
        }
        if (root.path("mlp_bias").asBoolean(false)) {
            throw new IllegalArgumentException(
                    source + ": field 'mlp_bias' is true; MLP biases are not supported");
        }
        int tp = root.path("pretraining_tp").asInt(1);
        if (tp != 1) {
            throw new IllegalArgumentException(
                    source + ": field 'pretraining_tp' is " + tp + "; only 1 is supported");
        }
        int hidden = required(root, "hidden_size", source);
        int heads = required(root, "num_attention_heads", source);
        int kvHeads =
                root.hasNonNull("num_key_value_heads")
                        ? positive(root, "num_key_value_heads", source)
                        : heads;
        int layers = required(root, "num_hidden_layers", source);
        // Per-family defaults of the transformers config classes when the key is absent.
        int defaultHeadDim =
                switch (type) {
                    case "qwen3" -> 128;
                    case "gemma2", "gemma3_text", "gemma3" -> 256;
                    default -> hidden / heads;
                };
        int headDim =
                root.hasNonNull("head_dim") ? positive(root, "head_dim", source) : defaultHeadDim;
        int maxPos =
                root.has("max_position_embeddings")
                        ? positive(root, "max_position_embeddings", source)
                        : 2048;
        double theta =
                positiveNumber(
                        root,
                        "rope_theta",
                        gemma && !type.equals("gemma2") ? 1e6 : 10000.0,
                        source);
        double eps = positiveNumber(root, "rms_norm_eps", 1e-6, source);
        int context = maxPos;
        boolean slidingActive =
                switch (type) {
                    case "mistral" -> root.hasNonNull("sliding_window");
                    case "qwen2", "qwen3", "smollm3" ->
                            root.path("use_sliding_window").asBoolean(false);
                    default -> false;
                };
        if (slidingActive) {
            if (!root.path("sliding_window").canConvertToInt()) {
                throw new IllegalArgumentException(
                        source
                                + ": field 'sliding_window' must be an integer when sliding attention is on");
            }
            // Below the window, sliding attention is full attention; we cap the context there.
            context = Math.min(context, positive(root, "sliding_window", source));
        }
        boolean attentionBias = root.path("attention_bias").asBoolean(false);
        boolean qkvBias = type.equals("qwen2") || attentionBias;
        boolean oBias = !type.equals("qwen2") && attentionBias;
        RopeScaling scaling =
                type.equals("phi3") ? null : ropeScaling(root.get("rope_scaling"), source);
        int bos = root.hasNonNull("bos_token_id") ? root.get("bos_token_id").asInt() : -1;
        if (bos < 0 && top.hasNonNull("bos_token_id")) {
            bos = top.get("bos_token_id").asInt();
        }
        List<Integer> eos = intList(root.get("eos_token_id"));
        if (eos.isEmpty()) {
            eos = intList(top.get("eos_token_id"));
        }
        boolean tiedDefault = type.equals("smollm3") || gemma;
        Arch arch = Families.arch(type, root, layers, headDim, hidden, maxPos, source);
        if (top != root) {
            int image = top.path("image_token_index").asInt(top.path("image_token_id").asInt(-1));
            arch = arch.withImageToken(image);
        }
        JsonNode tie = top.has("tie_word_embeddings") ? top : root;
        return new ModelConfig(
                type,
                required(root, "vocab_size", source),
                hidden,
                required(root, "intermediate_size", source),
                layers,
                heads,
                kvHeads,
                headDim,
                theta,
                eps,
                tie.path("tie_word_embeddings").asBoolean(tiedDefault),
                qkvBias,
                oBias,
                context,
                scaling,
                bos,
                eos,
                arch);
    }

    /** Mixture-of-experts and vision fields: one clear line naming the field. */
    private static void refuseUnsupported(JsonNode root, String source) {
        for (String f :
                List.of(
                        "num_experts",
                        "num_local_experts",
                        "n_routed_experts",
                        "moe_intermediate_size")) {
            if (root.hasNonNull(f) && !(root.get(f).isNumber() && root.get(f).asInt() == 0)) {
                throw new IllegalArgumentException(
                        source
                                + ": field '"
                                + f
                                + "' is set; mixture-of-experts models are not supported");
            }
        }
    }

    /** A positive integer field (within int range) or a clear error naming it. */
    static int positive(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new IllegalArgumentException(
                    source
                            + ": field '"
                            + field
                            + "' must be a positive integer below 2^31, got "
                            + (n == null ? "nothing" : n.toString()));
        }
        return n.asInt();
    }

    /** A positive finite number field, its default when absent or null. */
    static double positiveNumber(JsonNode root, String field, double dflt, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        double v = n.asDouble(Double.NaN);
        if (!n.isNumber() || !Double.isFinite(v) || v <= 0) {
            throw new IllegalArgumentException(
                    source + ": field '" + field + "' must be a positive number, got " + n);
        }
        return v;
    }

    private static RopeScaling ropeScaling(JsonNode n, String source) {
        if (n == null || n.isNull()) {
            return null;
        }
        String type =
                n.hasNonNull("rope_type") ? n.get("rope_type").asText() : n.path("type").asText("");
        double factor = n.path("factor").asDouble(1.0);
        switch (type) {
            case "default":
                return null;
            case "linear":
                return new RopeScaling("linear", factor, 0, 0, 0);
            case "llama3":
                return new RopeScaling(
                        "llama3",
                        factor,
                        n.path("low_freq_factor").asDouble(1.0),
                        n.path("high_freq_factor").asDouble(4.0),
                        n.path("original_max_position_embeddings").asInt(8192));
            default:
                throw new IllegalArgumentException(
                        source
                                + ": field 'rope_scaling' has type '"
                                + type
                                + "'; supported: none, linear, llama3");
        }
    }

    private static int required(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new IllegalArgumentException(
                    source + ": field '" + field + "' is missing or not a positive integer");
        }
        return n.asInt();
    }

    private static List<Integer> intList(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asInt()));
        } else {
            out.add(n.asInt());
        }
        return out;
    }

    /** {@code config.json} as transformers writes it for this architecture. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        String arch =
                switch (modelType) {
                    case "qwen2" -> "Qwen2ForCausalLM";
                    case "mistral" -> "MistralForCausalLM";
                    case "qwen3" -> "Qwen3ForCausalLM";
                    case "gemma2" -> "Gemma2ForCausalLM";
                    case "gemma3_text" -> "Gemma3ForCausalLM";
                    case "gemma3" -> "Gemma3ForConditionalGeneration";
                    case "phi3" -> "Phi3ForCausalLM";
                    case "olmo2" -> "Olmo2ForCausalLM";
                    case "smollm3" -> "SmolLM3ForCausalLM";
                    default -> "LlamaForCausalLM";
                };
        o.putArray("architectures").add(arch);
        o.put("model_type", modelType);
        o.put("hidden_size", hiddenSize);
        o.put("intermediate_size", intermediateSize);
        o.put("num_hidden_layers", numLayers);
        o.put("num_attention_heads", numHeads);
        o.put("num_key_value_heads", numKvHeads);
        o.put("head_dim", headDim);
        o.put("hidden_act", this.arch.gelu() ? "gelu_pytorch_tanh" : "silu");
        o.put("max_position_embeddings", maxContext);
        o.put("rms_norm_eps", rmsNormEps);
        o.put("rope_theta", ropeTheta);
        if (ropeScaling == null) {
            o.putNull("rope_scaling");
        } else {
            ObjectNode r = o.putObject("rope_scaling");
            r.put("rope_type", ropeScaling.type());
            r.put("factor", ropeScaling.factor());
            if (ropeScaling.type().equals("llama3")) {
                r.put("low_freq_factor", ropeScaling.lowFreqFactor());
                r.put("high_freq_factor", ropeScaling.highFreqFactor());
                r.put("original_max_position_embeddings", ropeScaling.originalMaxPositions());
            }
        }
        if (!modelType.equals("qwen2")) {
            o.put("attention_bias", qkvBias);
            o.put("mlp_bias", false);
        }
        if (modelType.equals("mistral")) {
            o.putNull("sliding_window");
        }
        o.put("tie_word_embeddings", tieWordEmbeddings);
        o.put("vocab_size", vocabSize);
        if (bosTokenId >= 0) {
            o.put("bos_token_id", bosTokenId);
        }
        if (eosTokenIds.size() == 1) {
            o.put("eos_token_id", eosTokenIds.get(0));
        } else if (!eosTokenIds.isEmpty()) {
            var a = o.putArray("eos_token_id");
            eosTokenIds.forEach(a::add);
        }
        o.put("torch_dtype", "float32");
        o.put("use_cache", true);
        Families.write(o, this);
        if (modelType.equals("gemma3")) {
            // The multimodal layout: the language model's config nested.
            ObjectNode outer = JSON.createObjectNode();
            outer.set("architectures", o.remove("architectures"));
            outer.put("model_type", "gemma3");
            o.put("model_type", "gemma3_text");
            outer.set("text_config", o);
            if (this.arch.imageTokenId() >= 0) {
                outer.put("image_token_index", this.arch.imageTokenId());
            }
            return outer;
        }
        return o;
    }
}

package org.heirloom.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.model.safetensors.HalfFloats;

/**
 * Reads each family's features from {@code config.json} into an {@link Arch}, with the defaults of
 * transformers' config classes when a key is absent (they differ per family).
 */
final class Families {

    private Families() {}

    static Arch arch(
            String type, JsonNode c, int layers, int headDim, int hidden, int maxPos, String src) {
        return switch (type) {
            case "qwen3" -> with(Arch.LLAMA, Arch.QkNorm.PER_HEAD);
            case "olmo2" -> olmo2();
            case "smollm3" -> smollm3(c, layers, src);
            case "phi3" -> phi3(c, layers, headDim, maxPos, src);
            case "gemma2" -> gemma(c, layers, hidden, false, src);
            case "gemma3_text", "gemma3" -> gemma(c, layers, hidden, true, src);
            default -> Arch.LLAMA;
        };
    }

    private static Arch with(Arch a, Arch.QkNorm qk) {
        return new Arch(
                a.gelu(),
                qk,
                a.unitOffsetNorm(),
                a.norms(),
                a.embedScale(),
                a.queryScale(),
                a.attnSoftcap(),
                a.finalSoftcap(),
                a.slidingWindow(),
                a.slidingLayers(),
                a.ropeLayers(),
                a.localRopeTheta(),
                a.rotaryDim(),
                a.longRope(),
                a.fusedCheckpoint(),
                a.imageTokenId());
    }

    private static Arch olmo2() {
        return new Arch(
                false,
                Arch.QkNorm.FULL,
                false,
                Arch.Norms.POST,
                1f,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                0,
                0,
                null,
                false,
                -1);
    }

    /** no_rope_layers[i] = 1 means layer i USES RoPE; absent, every interval-th layer has none. */
    private static Arch smollm3(JsonNode c, int layers, String src) {
        List<Boolean> rope = new ArrayList<>();
        JsonNode n = c.get("no_rope_layers");
        if (n != null && !n.isNull()) {
            if (!n.isArray() || n.size() != layers) {
                throw new IllegalArgumentException(
                        src
                                + ": field 'no_rope_layers' must list one 0/1 per layer ("
                                + layers
                                + ")");
            }
            n.forEach(x -> rope.add(x.asInt() != 0));
        } else {
            int interval =
                    c.has("no_rope_layer_interval")
                            ? ModelConfig.positive(c, "no_rope_layer_interval", src)
                            : 4;
            for (int i = 0; i < layers; i++) {
                rope.add((i + 1) % interval != 0);
            }
        }
        return new Arch(
                false,
                Arch.QkNorm.NONE,
                false,
                Arch.Norms.PRE,
                1f,
                0,
                0,
                0,
                0,
                List.of(),
                rope,
                0,
                0,
                null,
                false,
                -1);
    }

    private static Arch phi3(JsonNode c, int layers, int headDim, int maxPos, String src) {
        double factor = c.path("partial_rotary_factor").asDouble(1.0);
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException(
                    src + ": field 'partial_rotary_factor' must be in (0, 1], got " + factor);
        }
        int rotary = (int) (headDim * factor);
        if (rotary % 2 != 0 || rotary == 0) {
            throw new IllegalArgumentException(
                    src
                            + ": field 'partial_rotary_factor' gives "
                            + rotary
                            + " rotary channels; must be even and positive");
        }
        int origMax =
                c.has("original_max_position_embeddings")
                        ? ModelConfig.positive(c, "original_max_position_embeddings", src)
                        : 4096;
        Arch.LongRope longRope = longRope(c.get("rope_scaling"), rotary, maxPos, origMax, src);
        int window = 0;
        List<Boolean> sliding = new ArrayList<>();
        if (c.hasNonNull("sliding_window")) {
            // Phi-3 applies its window on every layer.
            window = ModelConfig.positive(c, "sliding_window", src);
            for (int i = 0; i < layers; i++) {
                sliding.add(true);
            }
        }
        return new Arch(
                false,
                Arch.QkNorm.NONE,
                false,
                Arch.Norms.PRE,
                1f,
                0,
                0,
                0,
                window,
                sliding,
                List.of(),
                0,
                rotary == headDim ? 0 : rotary,
                longRope,
                true,
                -1);
    }

    private static Arch.LongRope longRope(
            JsonNode n, int rotary, int maxPos, int origMax, String src) {
        if (n == null || n.isNull()) {
            return null;
        }
        String type =
                n.hasNonNull("rope_type") ? n.get("rope_type").asText() : n.path("type").asText("");
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("longrope")) {
            throw new IllegalArgumentException(
                    src
                            + ": field 'rope_scaling' has type '"
                            + type
                            + "'; supported for phi3: none, longrope");
        }
        List<Double> shortF = factors(n, "short_factor", rotary / 2, src);
        List<Double> longF = factors(n, "long_factor", rotary / 2, src);
        if (n.hasNonNull("original_max_position_embeddings")) {
            origMax = ModelConfig.positive(n, "original_max_position_embeddings", src);
        }
        // transformers' _compute_longrope_parameters: factor = max / original_max.
        double factor =
                n.hasNonNull("factor") ? n.get("factor").asDouble() : (double) maxPos / origMax;
        double attention;
        if (n.hasNonNull("attention_factor")) {
            attention = n.get("attention_factor").asDouble();
        } else {
            attention = factor <= 1 ? 1.0 : Math.sqrt(1 + Math.log(factor) / Math.log(origMax));
        }
        return new Arch.LongRope(shortF, longF, origMax, attention);
    }

    private static List<Double> factors(JsonNode n, String field, int size, String src) {
        JsonNode a = n.get(field);
        if (a == null || !a.isArray() || a.size() != size) {
            throw new IllegalArgumentException(
                    src
                            + ": field 'rope_scaling."
                            + field
                            + "' must list "
                            + size
                            + " numbers (rotary dimension / 2)");
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode x : a) {
            if (!x.isNumber() || !(x.asDouble() > 0)) {
                throw new IllegalArgumentException(
                        src + ": field 'rope_scaling." + field + "' holds " + x + "; must be > 0");
            }
            out.add(x.asDouble());
        }
        return out;
    }

    private static Arch gemma(JsonNode c, int layers, int hidden, boolean v3, String src) {
        double qScalar = ModelConfig.positiveNumber(c, "query_pre_attn_scalar", 256, src);
        // Gemma 2 defaults its caps to 50 / 30; Gemma 3 has no attention cap at all.
        double attnCap = v3 ? 0 : capOf(c, "attn_logit_softcapping", 50.0, src);
        double finalCap = capOf(c, "final_logit_softcapping", v3 ? 0 : 30.0, src);
        int window =
                c.hasNonNull("sliding_window")
                        ? ModelConfig.positive(c, "sliding_window", src)
                        : 4096;
        List<Boolean> sliding = new ArrayList<>();
        JsonNode types = c.get("layer_types");
        if (types != null && !types.isNull()) {
            if (!types.isArray() || types.size() != layers) {
                throw new IllegalArgumentException(
                        src
                                + ": field 'layer_types' must list one type per layer ("
                                + layers
                                + ")");
            }
            for (JsonNode t : types) {
                String s = t.asText();
                if (!s.equals("sliding_attention") && !s.equals("full_attention")) {
                    throw new IllegalArgumentException(
                            src
                                    + ": field 'layer_types' holds '"
                                    + s
                                    + "'; supported:"
                                    + " sliding_attention, full_attention");
                }
                sliding.add(s.equals("sliding_attention"));
            }
        } else if (v3) {
            int pattern =
                    c.has("sliding_window_pattern")
                            ? ModelConfig.positive(c, "sliding_window_pattern", src)
                            : 6;
            for (int i = 0; i < layers; i++) {
                sliding.add((i + 1) % pattern != 0);
            }
        } else {
            for (int i = 0; i < layers; i++) {
                sliding.add(i % 2 == 0);
            }
        }
        double local = v3 ? ModelConfig.positiveNumber(c, "rope_local_base_freq", 10000.0, src) : 0;
        return new Arch(
                true,
                v3 ? Arch.QkNorm.PER_HEAD : Arch.QkNorm.NONE,
                true,
                Arch.Norms.SANDWICH,
                embedScale(hidden, c.path("torch_dtype").asText(c.path("dtype").asText("float32"))),
                1.0 / Math.sqrt(qScalar),
                attnCap,
                finalCap,
                window,
                sliding,
                List.of(),
                local,
                0,
                null,
                false,
                -1);
    }

    private static double capOf(JsonNode c, String field, double dflt, String src) {
        if (c.has(field) && c.get(field).isNull()) {
            return 0;
        }
        return ModelConfig.positiveNumber(c, field, dflt, src);
    }

    /** √hidden rounded to the weights' dtype, as transformers' normalizer tensor is. */
    static float embedScale(int hidden, String dtype) {
        float f = (float) Math.sqrt(hidden);
        return switch (dtype) {
            case "bfloat16" -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(f));
            case "float16" -> HalfFloats.f16ToFloat(HalfFloats.floatToF16(f));
            default -> f;
        };
    }

    /** Writes the family's fields of {@code c} into {@code o} so that parsing gives {@code c}. */
    static void write(com.fasterxml.jackson.databind.node.ObjectNode o, ModelConfig c) {
        Arch a = c.arch();
        switch (c.modelType()) {
            case "smollm3" -> {
                var n = o.putArray("no_rope_layers");
                a.ropeLayers().forEach(r -> n.add(r ? 1 : 0));
            }
            case "phi3" -> {
                o.put("partial_rotary_factor", (double) RoPE.rotaryDim(c) / c.headDim());
                if (a.slidingWindow() > 0) {
                    o.put("sliding_window", a.slidingWindow());
                } else {
                    o.putNull("sliding_window");
                }
                Arch.LongRope lr = a.longRope();
                o.put("original_max_position_embeddings", lr == null ? 4096 : lr.originalMax());
                if (lr == null) {
                    o.putNull("rope_scaling");
                } else {
                    var r = o.putObject("rope_scaling");
                    r.put("type", "longrope");
                    var sf = r.putArray("short_factor");
                    lr.shortFactor().forEach(sf::add);
                    var lf = r.putArray("long_factor");
                    lr.longFactor().forEach(lf::add);
                    r.put("attention_factor", lr.attentionFactor());
                }
            }
            case "gemma2", "gemma3_text", "gemma3" -> {
                o.put("hidden_activation", "gelu_pytorch_tanh");
                // Rounded back to the scalar configs give (scale = scalar^-1/2).
                double scalar = 1.0 / (a.queryScale() * a.queryScale());
                o.put("query_pre_attn_scalar", Math.round(scalar * 1e6) / 1e6);
                putCap(o, "attn_logit_softcapping", a.attnSoftcap());
                putCap(o, "final_logit_softcapping", a.finalSoftcap());
                o.put("sliding_window", a.slidingWindow());
                var types = o.putArray("layer_types");
                a.slidingLayers()
                        .forEach(x -> types.add(x ? "sliding_attention" : "full_attention"));
                if (a.localRopeTheta() > 0) {
                    o.put("rope_local_base_freq", a.localRopeTheta());
                }
            }
            default -> {}
        }
    }

    private static void putCap(
            com.fasterxml.jackson.databind.node.ObjectNode o, String field, double cap) {
        if (cap > 0) {
            o.put(field, cap);
        } else {
            o.putNull(field);
        }
    }
}

package org.heirloom.model;

import java.util.List;

/**
 * What a model family changes in the Llama decoder, read from {@code config.json} by {@link
 * ModelConfig#parse}. {@link #LLAMA} switches everything off (Llama, Qwen2, Mistral).
 *
 * @param gelu MLP activation is gelu_pytorch_tanh (Gemma) rather than SiLU
 * @param qkNorm RMSNorm of queries and keys before RoPE
 * @param unitOffsetNorm every RMSNorm multiplies by 1 + weight (Gemma)
 * @param norms where the layer norms sit
 * @param embedScale embeddings are multiplied by this (Gemma: √hidden in the weights' dtype); 1
 *     otherwise
 * @param queryScale attention scores times this; 0 means 1/√head_dim
 * @param attnSoftcap scores become c·tanh(s/c) before the mask (Gemma 2); 0 for none
 * @param finalSoftcap logits become c·tanh(l/c) (Gemma 2, Gemma 3 when set); 0 for none
 * @param slidingWindow window of the sliding layers (key j visible from query i when i - j &lt;
 *     window); 0 when no layer slides
 * @param slidingLayers per layer, whether it slides (empty: none)
 * @param ropeLayers per layer, whether it applies RoPE (empty: all; SmolLM3's no_rope_layers)
 * @param localRopeTheta rotary base of sliding layers, without scaling (Gemma 3); 0: the global one
 * @param rotaryDim channels of a head that RoPE rotates (Phi-3's partial_rotary_factor); 0: all
 * @param longRope Phi-3's longrope scaling, or null
 * @param fusedCheckpoint the checkpoint stores {@code qkv_proj} and {@code gate_up_proj} (Phi-3);
 *     the decoder holds them split under Llama's names
 * @param imageTokenId the image placeholder id of a multimodal checkpoint loaded text-only (Gemma
 *     3's {@code image_token_index}): prompts holding it are refused; -1 for none
 */
public record Arch(
        boolean gelu,
        QkNorm qkNorm,
        boolean unitOffsetNorm,
        Norms norms,
        float embedScale,
        double queryScale,
        double attnSoftcap,
        double finalSoftcap,
        int slidingWindow,
        List<Boolean> slidingLayers,
        List<Boolean> ropeLayers,
        double localRopeTheta,
        int rotaryDim,
        LongRope longRope,
        boolean fusedCheckpoint,
        int imageTokenId) {

    /** No family features: the Llama decoder. */
    public static final Arch LLAMA =
            new Arch(
                    false,
                    QkNorm.NONE,
                    false,
                    Norms.PRE,
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

    public Arch {
        slidingLayers = List.copyOf(slidingLayers);
        ropeLayers = List.copyOf(ropeLayers);
    }

    /** Where queries and keys are normalised. */
    public enum QkNorm {
        NONE,
        /** One weight of size head_dim shared by every head (Qwen3, Gemma 3). */
        PER_HEAD,
        /** One weight over the whole projection, before the split into heads (OLMo 2). */
        FULL
    }

    /** Placement of the layer norms. */
    public enum Norms {
        /** Llama: input_layernorm before attention, post_attention_layernorm before the MLP. */
        PRE,
        /** Gemma: pre- and post-norms around both attention and the MLP. */
        SANDWICH,
        /** OLMo 2: post_attention_layernorm / post_feedforward_layernorm on the outputs only. */
        POST
    }

    /**
     * Phi-3's longrope: frequencies divided by per-channel factors, short ones while the sequence
     * is at most {@code originalMax} long and long ones beyond, cos and sin times {@code
     * attentionFactor} on both paths.
     */
    public record LongRope(
            List<Double> shortFactor,
            List<Double> longFactor,
            int originalMax,
            double attentionFactor) {
        public LongRope {
            shortFactor = List.copyOf(shortFactor);
            longFactor = List.copyOf(longFactor);
        }
    }

    /** The same features, refusing prompts that hold {@code id} (an image placeholder). */
    public Arch withImageToken(int id) {
        return new Arch(
                gelu,
                qkNorm,
                unitOffsetNorm,
                norms,
                embedScale,
                queryScale,
                attnSoftcap,
                finalSoftcap,
                slidingWindow,
                slidingLayers,
                ropeLayers,
                localRopeTheta,
                rotaryDim,
                longRope,
                fusedCheckpoint,
                id);
    }

    /**
     * Throws when {@code ids} hold the image placeholder: a text-only load has no vision tower, so
     * an image would silently become one meaningless token.
     */
    public void refuseImages(long[] ids) {
        if (imageTokenId < 0) {
            return;
        }
        for (long id : ids) {
            if (id == imageTokenId) {
                throw new IllegalArgumentException(
                        "the prompt holds the image token (id "
                                + imageTokenId
                                + "); this multimodal checkpoint is loaded as text only, images"
                                + " are not supported");
            }
        }
    }

    /** Whether layer {@code i} uses the sliding window. */
    public boolean sliding(int i) {
        return slidingWindow > 0 && !slidingLayers.isEmpty() && slidingLayers.get(i);
    }

    /** Whether layer {@code i} applies RoPE. */
    public boolean rope(int i) {
        return ropeLayers.isEmpty() || ropeLayers.get(i);
    }

    public boolean anySliding() {
        return slidingWindow > 0 && slidingLayers.contains(Boolean.TRUE);
    }
}

package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code LlamaForCausalLM} decoder (RMSNorm, rotary embeddings in the rotate_half layout, GQA,
 * SwiGLU, tied or separate lm_head; q/k/v biases for Qwen2) written with DJL NDArray operations,
 * with each other family's changes switched on by {@link ModelConfig#arch()}: q/k norms, (1 + w)
 * norms, sandwich or post norms, GeGLU, embedding scale, soft-capping, per-layer sliding windows
 * and RoPE bases, layers without RoPE, partial rotary and longrope.
 *
 * <p>Parameters are held by their Hugging Face names ({@link #parameters()}); the forward pass
 * reads them directly, so gradients attached to them (fine-tuning) flow through the same code that
 * generates. For inference {@link #fuseForInference()} concatenates q/k/v and gate/up into single
 * matrices (one matmul each instead of three and two) and keeps the named parameters as views of
 * them (no extra memory); {@link #prepareForTraining()} makes every op read the named parameters
 * again.
 *
 * <p>Over 600 lines on purpose: one forward pass serves every supported family, switched by {@link
 * ModelConfig#arch()}, so that a family's difference is a visible branch of the same code rather
 * than a copy of it.
 */
public final class DecoderModel implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private Map<String, NDArray[]> adapters = Map.of();
    private float adapterScale;
    private final NDArray rotateHalf;
    private NDArray[] fusedQkv;
    private NDArray[] fusedQkvBias;
    private NDArray[] fusedGateUp;
    private NDManager fusedManager;
    // Prebuilt slices of the fused outputs: parsing an NDIndex string per op costs time per step.
    private final NDIndex sliceQ;
    private final NDIndex sliceK;
    private final NDIndex sliceV;
    private final NDIndex sliceGate;
    private final NDIndex sliceUp;
    private final NDIndex sliceQFlat;
    private final NDIndex sliceKFlat;
    private final NDIndex sliceVFlat;
    private NDArray cosTable;
    private NDArray sinTable;
    // Gemma 3's sliding layers: plain RoPE with rope_local_base_freq (null otherwise).
    private NDArray cosLocalTable;
    private NDArray sinLocalTable;
    private int ropeLength;
    // Set on a decode view (halfPrecisionDecoder): float16 copies of the matrices a step reads.
    private final HalfMatrices half;
    // False on a view: the model it came from owns (and closes) the shared manager.
    private final boolean ownsManager;

    /**
     * @param params every parameter by HF name, float32, owned by {@code manager} from now on
     */
    DecoderModel(ModelConfig config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = new LinkedHashMap<>(params);
        this.half = null;
        this.ownsManager = true;
        for (String name : expectedNames(config)) {
            NDArray p = this.params.get(name);
            if (p == null) {
                throw new IllegalArgumentException("weights lack tensor '" + name + "'");
            }
            long[] want = expectedShape(config, name);
            if (!p.getShape().equals(new Shape(want))) {
                throw new IllegalArgumentException(
                        "tensor '"
                                + name
                                + "' has shape "
                                + p.getShape()
                                + ", config.json implies "
                                + new Shape(want));
            }
        }
        this.rotateHalf = rotateHalfMatrix(manager, config.headDim(), RoPE.rotaryDim(config));
        long nh = config.numHeads();
        long kvh = config.numKvHeads();
        long inter = config.intermediateSize();
        sliceQ = new NDIndex().addAllDim(2).addSliceDim(0, nh);
        sliceK = new NDIndex().addAllDim(2).addSliceDim(nh, nh + kvh);
        sliceV = new NDIndex().addAllDim(2).addSliceDim(nh + kvh, nh + 2 * kvh);
        sliceGate = new NDIndex().addEllipseDim().addSliceDim(0, inter);
        sliceUp = new NDIndex().addEllipseDim().addSliceDim(inter, 2 * inter);
        long hd = config.headDim();
        sliceQFlat = new NDIndex().addEllipseDim().addSliceDim(0, nh * hd);
        sliceKFlat = new NDIndex().addEllipseDim().addSliceDim(nh * hd, (nh + kvh) * hd);
        sliceVFlat =
                new NDIndex().addEllipseDim().addSliceDim((nh + kvh) * hd, (nh + 2 * kvh) * hd);
    }

    /**
     * A view of {@code base} (same parameters and fused matrices) that decodes through {@code
     * half}.
     */
    private DecoderModel(DecoderModel base, HalfMatrices half) {
        this.config = base.config;
        this.manager = base.manager;
        this.params = base.params;
        this.rotateHalf = base.rotateHalf;
        this.fusedQkv = base.fusedQkv;
        this.fusedQkvBias = base.fusedQkvBias;
        this.fusedGateUp = base.fusedGateUp;
        this.sliceQ = base.sliceQ;
        this.sliceK = base.sliceK;
        this.sliceV = base.sliceV;
        this.sliceGate = base.sliceGate;
        this.sliceUp = base.sliceUp;
        this.sliceQFlat = base.sliceQFlat;
        this.sliceKFlat = base.sliceKFlat;
        this.sliceVFlat = base.sliceVFlat;
        this.half = half;
        this.ownsManager = false;
    }

    /**
     * A decoder for generating that keeps its projection matrices (fused q|k|v, o, fused gate|up,
     * down, lm_head) in float16 and everything else in float32: each matmul casts its input to
     * float16 and its output back, so norms, rotary, softmax, residuals and the KV cache stay
     * float32. Float16 halves the weight bytes a step reads; through libtorch's CPU kernels that
     * speeds up batched decoding and prompts, not batch 1 (docs/engine.md). The copies cost half
     * the float32 matrices' memory again; this decoder is for candidates and profiles, never for
     * likelihoods or training (those use the float32 model it came from). The view shares this
     * model's manager: closing it frees nothing, closing this model frees both. Needs {@link
     * #fuseForInference()} first.
     */
    public synchronized DecoderModel halfPrecisionDecoder() {
        if (fusedQkv == null) {
            throw new IllegalStateException("float16 decoding needs the fused inference matrices");
        }
        if (half != null) {
            return this;
        }
        NDManager hm = manager.newSubManager();
        int n = config.numLayers();
        NDArray[] qkv = new NDArray[n];
        NDArray[] o = new NDArray[n];
        NDArray[] gateUp = new NDArray[n];
        NDArray[] down = new NDArray[n];
        for (int i = 0; i < n; i++) {
            String p = "model.layers." + i + ".";
            qkv[i] = toHalf(fusedQkv[i], hm);
            o[i] = toHalf(params.get(p + "self_attn.o_proj.weight"), hm);
            gateUp[i] = toHalf(fusedGateUp[i], hm);
            down[i] = toHalf(params.get(p + "mlp.down_proj.weight"), hm);
        }
        NDArray head =
                toHalf(
                        params.get(
                                config.tieWordEmbeddings()
                                        ? "model.embed_tokens.weight"
                                        : "lm_head.weight"),
                        hm);
        return new DecoderModel(this, new HalfMatrices(qkv, o, gateUp, down, head));
    }

    /** Whether this decoder's matmuls read float16 weights. */
    public boolean halfPrecision() {
        return half != null;
    }

    private static NDArray toHalf(NDArray w, NDManager into) {
        NDArray h = w.toType(DataType.FLOAT16, true);
        h.attach(into);
        return h;
    }

    /** Float16 copies of the matrices a decode step reads, per layer. */
    private record HalfMatrices(
            NDArray[] qkv, NDArray[] o, NDArray[] gateUp, NDArray[] down, NDArray lmHead) {}

    /**
     * {@code x · wᵀ (+ bias)} with a float16 weight: x is cast to float16 for the product, the
     * product back to float32, and the bias (float32) added after, so only the matmul is half.
     */
    private static NDArray halfLinear(NDArray x, NDArray w16, NDArray bias) {
        NDArray y =
                Linear.linear(x.toType(DataType.FLOAT16, false), w16)
                        .singletonOrThrow()
                        .toType(DataType.FLOAT32, false);
        return bias == null ? y : y.add(bias);
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * A decoder over caller-held parameters (fine-tuning builds one over effective weights, e.g.
     * base + LoRA delta, so gradients flow to the adapters). Rotary tables are created in {@code
     * manager}; closing the returned decoder closes {@code manager}.
     */
    public static DecoderModel over(
            ModelConfig config, NDManager manager, Map<String, NDArray> params) {
        return new DecoderModel(config, manager, params);
    }

    /**
     * As {@link #over(ModelConfig, NDManager, Map)}, with low-rank adapters: each projection whose
     * weight name is a key of {@code adapters} (value {A [r, in], B [out, r]}) computes x·Wᵀ +
     * scale·(x·Aᵀ)·Bᵀ. The frozen W then needs no gradient and no W + scale·B·A is formed (LoRA's
     * own formulation; the sum equals the merged weight's product up to rounding).
     */
    public static DecoderModel over(
            ModelConfig config,
            NDManager manager,
            Map<String, NDArray> params,
            Map<String, NDArray[]> adapters,
            float scale) {
        DecoderModel d = new DecoderModel(config, manager, params);
        d.adapters = Map.copyOf(adapters);
        d.adapterScale = scale;
        return d;
    }

    /** Parameters by Hugging Face name (lm_head absent when tied). Live arrays, not copies. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * The tensor names the decoder holds for {@code config}, in HF order (Phi-3's fused checkpoint
     * tensors are held split, under Llama's names; see {@link LocalModel}).
     */
    public static List<String> expectedNames(ModelConfig c) {
        Arch a = c.arch();
        List<String> names = new java.util.ArrayList<>();
        names.add("model.embed_tokens.weight");
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            if (a.norms() != Arch.Norms.POST) {
                names.add(p + "input_layernorm.weight");
            }
            for (String x : new String[] {"q", "k", "v", "o"}) {
                names.add(p + "self_attn." + x + "_proj.weight");
                if ((c.qkvBias() && !x.equals("o")) || (c.oBias() && x.equals("o"))) {
                    names.add(p + "self_attn." + x + "_proj.bias");
                }
            }
            if (a.qkNorm() != Arch.QkNorm.NONE) {
                names.add(p + "self_attn.q_norm.weight");
                names.add(p + "self_attn.k_norm.weight");
            }
            names.add(p + "post_attention_layernorm.weight");
            if (a.norms() == Arch.Norms.SANDWICH) {
                names.add(p + "pre_feedforward_layernorm.weight");
            }
            if (a.norms() != Arch.Norms.PRE) {
                names.add(p + "post_feedforward_layernorm.weight");
            }
            names.add(p + "mlp.gate_proj.weight");
            names.add(p + "mlp.up_proj.weight");
            names.add(p + "mlp.down_proj.weight");
        }
        names.add("model.norm.weight");
        if (!c.tieWordEmbeddings()) {
            names.add("lm_head.weight");
        }
        return names;
    }

    /** The shape {@code name} must have under {@code c}. */
    public static long[] expectedShape(ModelConfig c, String name) {
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        long inter = c.intermediateSize();
        if (name.endsWith("embed_tokens.weight") || name.equals("lm_head.weight")) {
            return new long[] {c.vocabSize(), h};
        }
        boolean fullQk = c.arch().qkNorm() == Arch.QkNorm.FULL;
        if (name.endsWith("q_norm.weight")) {
            return new long[] {fullQk ? q : c.headDim()};
        }
        if (name.endsWith("k_norm.weight")) {
            return new long[] {fullQk ? kv : c.headDim()};
        }
        if (name.endsWith("norm.weight")) {
            return new long[] {h};
        }
        boolean bias = name.endsWith(".bias");
        if (name.contains("q_proj")) {
            return bias ? new long[] {q} : new long[] {q, h};
        }
        if (name.contains("k_proj") || name.contains("v_proj")) {
            return bias ? new long[] {kv} : new long[] {kv, h};
        }
        if (name.contains("o_proj")) {
            return bias ? new long[] {h} : new long[] {h, q};
        }
        if (name.contains("gate_proj") || name.contains("up_proj")) {
            return new long[] {inter, h};
        }
        if (name.contains("down_proj")) {
            return new long[] {h, inter};
        }
        throw new IllegalArgumentException("unknown tensor '" + name + "'");
    }

    /** Builds fused q|k|v and gate|up matrices for fast inference (idempotent). */
    public synchronized void fuseForInference() {
        if (fusedQkv != null) {
            return;
        }
        fusedManager = manager.newSubManager();
        int n = config.numLayers();
        fusedQkv = new NDArray[n];
        fusedQkvBias = new NDArray[n];
        fusedGateUp = new NDArray[n];
        for (int i = 0; i < n; i++) {
            String p = "model.layers." + i + ".";
            fusedQkv[i] = fuse(p + "self_attn.", "_proj.weight", "q", "k", "v");
            if (config.qkvBias()) {
                fusedQkvBias[i] = fuse(p + "self_attn.", "_proj.bias", "q", "k", "v");
            }
            fusedGateUp[i] = fuse(p + "mlp.", "_proj.weight", "gate", "up");
        }
    }

    /**
     * Concatenates the named parameters along rows and puts views of the result back under their
     * names, freeing the separate copies: the fused matrix costs no extra memory, and saving or
     * training still reads (and writes) the same storage by HF name.
     */
    private NDArray fuse(String prefix, String suffix, String... parts) {
        NDList list = new NDList();
        for (String part : parts) {
            list.add(params.get(prefix + part + suffix));
        }
        NDArray fused = ai.djl.ndarray.NDArrays.concat(list, 0);
        fused.attach(fusedManager);
        long row = 0;
        for (int i = 0; i < parts.length; i++) {
            String name = prefix + parts[i] + suffix;
            NDArray old = list.get(i);
            long rows = old.getShape().get(0);
            NDArray view = fused.get(new NDIndex().addSliceDim(row, row + rows));
            view.attach(manager);
            params.put(name, view);
            old.close();
            row += rows;
        }
        return fused;
    }

    /**
     * Forward passes from now on read the named parameters one by one (no fused matmuls), and every
     * parameter requires gradients. The fused storage stays: the parameters are views of it.
     */
    public synchronized void prepareForTraining() {
        fusedQkv = null;
        fusedQkvBias = null;
        fusedGateUp = null;
        params.values().forEach(p -> p.setRequiresGradient(true));
    }

    /**
     * Runs the decoder and returns final-normed hidden states {@code [B, T, hidden]}.
     *
     * @param ids token ids {@code [B, T]} (int64)
     * @param positions rotary position of each token {@code [B, T]} (int64)
     * @param keyValid which key slots may be attended {@code [B, S]} (1 = real token, 0 = padding),
     *     S = cached slots + T; null means all valid. Causality is applied on top.
     * @param cache KV cache to read and extend, or null to attend within {@code ids} only
     */
    public NDArray forwardHidden(NDArray ids, NDArray positions, float[] keyValid, KvCache cache) {
        return forwardHidden(ids, positions, positions.max().getLong(), keyValid, cache);
    }

    /**
     * {@link #forwardHidden(NDArray, NDArray, float[], KvCache)} for a caller that knows the
     * largest position on the host (the generator does): reading it back from {@code positions}
     * would cost two native ops and a synchronous copy per decode step.
     */
    public NDArray forwardHidden(
            NDArray ids, NDArray positions, long maxPos, float[] keyValid, KvCache cache) {
        NDManager m = ids.getManager();
        Arch a = config.arch();
        long b = ids.getShape().get(0);
        int t = (int) ids.getShape().get(1);
        int start = cache == null ? 0 : cache.length();
        int s = start + t;
        if (maxPos >= config.maxContext()) {
            throw new IllegalArgumentException(
                    "position "
                            + maxPos
                            + " exceeds the model's context of "
                            + config.maxContext()
                            + " (max_position_embeddings / sliding_window)");
        }
        ensureRope((int) maxPos + 1);
        NDArray rows = ropeRows(positions);
        NDArray cos = cosTable.get(m, new NDIndex("{}", rows)).expandDims(2); // [B, T, 1, hd]
        NDArray sin = sinTable.get(m, new NDIndex("{}", rows)).expandDims(2);
        NDArray cosLocal = cos;
        NDArray sinLocal = sin;
        if (cosLocalTable != null) {
            cosLocal = cosLocalTable.get(m, new NDIndex("{}", positions)).expandDims(2);
            sinLocal = sinLocalTable.get(m, new NDIndex("{}", positions)).expandDims(2);
        }
        // A single new token per sequence with nothing padded attends to every slot: no mask.
        boolean needMask = t > 1 || !allOnes(keyValid);
        NDArray mask =
                needMask
                        ? m.create(
                                attentionBias(b, t, s, start, keyValid, 0),
                                new Shape(b, 1, 1, t, s))
                        : null;
        NDArray slidingMask =
                a.anySliding() && (needMask || s > a.slidingWindow())
                        ? m.create(
                                attentionBias(b, t, s, start, keyValid, a.slidingWindow()),
                                new Shape(b, 1, 1, t, s))
                        : null;

        NDArray x =
                ids.getNDArrayInternal()
                        .embedding(ids, params.get("model.embed_tokens.weight"), SparseFormat.DENSE)
                        .singletonOrThrow();
        // Scalar operands of ops on the autograd tape are torch-owned: see TorchOwned.scalar.
        if (a.embedScale() != 1f) {
            x = x.mul(TorchOwned.scalar(m, a.embedScale()));
        }
        int nh = config.numHeads();
        int kvh = config.numKvHeads();
        int hd = config.headDim();
        int g = nh / kvh;
        float scale = (float) (a.queryScale() > 0 ? a.queryScale() : 1.0 / Math.sqrt(hd));
        // Fused inference without q/k norms rotates the whole q|k|v block in one go with per-head
        // tables (see qkvRotation): built once per forward instead of slicing and scaling per
        // layer.
        boolean wholeBlock = fusedQkv != null && a.qkNorm() == Arch.QkNorm.NONE;
        NDArray qScale = null; // created on first use (unfused or q/k-normed layers)
        NDArray[] rot = wholeBlock ? qkvRotation(cos, sin, nh, kvh, scale) : null;
        NDArray[] rotLocal =
                wholeBlock && cosLocalTable != null
                        ? qkvRotation(cosLocal, sinLocal, nh, kvh, scale)
                        : rot;
        NDArray qkvScale =
                wholeBlock && someLayerWithoutRope() ? headScale(m, nh, kvh, scale, 1f) : null;
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String p = "model.layers." + layer + ".";
            boolean fused = fusedQkv != null;
            boolean sliding = a.sliding(layer);
            boolean rope = a.rope(layer);
            NDArray lc = sliding ? cosLocal : cos;
            NDArray ls = sliding ? sinLocal : sin;
            NDArray h =
                    a.norms() == Arch.Norms.POST
                            ? x
                            : rmsNorm(x, params.get(p + "input_layernorm.weight"));
            NDArray q;
            NDArray k;
            NDArray v;
            if (fused && a.qkNorm() == Arch.QkNorm.NONE) {
                NDArray qkv = qkvProj(h, layer).reshape(b, t, nh + 2L * kvh, hd);
                // One rotary application per layer for q, k and v together; the query scale is
                // in the q heads' tables (v heads: cos 1, sin 0, exact), or alone without RoPE.
                NDArray[] r = sliding ? rotLocal : rot;
                qkv = rope ? rope(qkv, r[0], r[1]) : qkv.mul(qkvScale);
                q = qkv.get(sliceQ);
                k = qkv.get(sliceK);
                v = qkv.get(sliceV);
            } else {
                NDArray qf;
                NDArray kf;
                NDArray vf;
                if (fused) {
                    NDArray flat = qkvProj(h, layer);
                    qf = flat.get(sliceQFlat);
                    kf = flat.get(sliceKFlat);
                    vf = flat.get(sliceVFlat);
                } else {
                    qf = proj(h, p + "self_attn.q_proj");
                    kf = proj(h, p + "self_attn.k_proj");
                    vf = proj(h, p + "self_attn.v_proj");
                }
                if (a.qkNorm() == Arch.QkNorm.FULL) {
                    // OLMo 2: one norm over the whole projection, before the split into heads.
                    qf = rmsNorm(qf, params.get(p + "self_attn.q_norm.weight"));
                    kf = rmsNorm(kf, params.get(p + "self_attn.k_norm.weight"));
                }
                q = qf.reshape(b, t, nh, hd);
                k = kf.reshape(b, t, kvh, hd);
                v = vf.reshape(b, t, kvh, hd);
                if (a.qkNorm() == Arch.QkNorm.PER_HEAD) {
                    q = rmsNorm(q, params.get(p + "self_attn.q_norm.weight"));
                    k = rmsNorm(k, params.get(p + "self_attn.k_norm.weight"));
                }
                if (rope) {
                    q = rope(q, lc, ls);
                    k = rope(k, lc, ls);
                }
            }
            if (!wholeBlock) {
                if (qScale == null) {
                    qScale = TorchOwned.scalar(m, scale);
                }
                q = q.mul(qScale);
            }
            // Query heads grouped by their kv head, [B, kvH, G*T, hd]: one plain batched matmul
            // against [B, kvH, S, hd] keys, no broadcast copies of the cache.
            // With one token per sequence (decoding) the regrouping is a plain reshape.
            q =
                    t == 1
                            ? q.reshape(b, kvh, g, hd)
                            : q.reshape(b, t, kvh, g, hd)
                                    .transpose(0, 2, 3, 1, 4)
                                    .reshape(b, kvh, (long) g * t, hd);
            // Keys go straight to [B, kvH, hd, T] (the cache keeps them so): one op, not two.
            NDArray kT = k.transpose(0, 2, 3, 1);
            v = v.transpose(0, 2, 1, 3);
            if (cache != null) {
                NDArray[] kv = cache.append(layer, kT, v, m);
                kT = kv[0];
                v = kv[1];
            }
            NDArray scores = q.matMul(kT); // [B, kvH, G*T, S]
            if (a.attnSoftcap() > 0) {
                // Gemma 2: c * tanh(s / c), before the mask.
                NDArray c = TorchOwned.scalar(m, (float) a.attnSoftcap());
                scores = scores.div(c).tanh().mul(c);
            }
            NDArray layerMask = sliding ? slidingMask : mask;
            if (layerMask != null) {
                scores =
                        scores.reshape(b, kvh, g, t, s)
                                .addi(layerMask)
                                .reshape(b, kvh, (long) g * t, s);
            }
            NDArray attn = scores.softmax(-1).matMul(v); // [B, kvH, G*T, hd]
            attn =
                    t == 1
                            ? attn.reshape(b, 1, (long) nh * hd)
                            : attn.reshape(b, kvh, g, t, hd)
                                    .transpose(0, 3, 1, 2, 4)
                                    .reshape(b, t, (long) nh * hd);
            NDArray o =
                    half != null
                            ? halfLinear(
                                    attn, half.o()[layer], params.get(p + "self_attn.o_proj.bias"))
                            : proj(attn, p + "self_attn.o_proj");
            if (a.norms() != Arch.Norms.PRE) {
                // Gemma and OLMo 2: post_attention_layernorm normalises the attention output.
                o = rmsNorm(o, params.get(p + "post_attention_layernorm.weight"));
            }
            x = x.add(o);

            h =
                    switch (a.norms()) {
                        case PRE -> rmsNorm(x, params.get(p + "post_attention_layernorm.weight"));
                        case SANDWICH ->
                                rmsNorm(x, params.get(p + "pre_feedforward_layernorm.weight"));
                        case POST -> x;
                    };
            NDArray gate;
            NDArray up;
            if (fusedGateUp != null) {
                NDArray gu =
                        half != null
                                ? halfLinear(h, half.gateUp()[layer], null)
                                : Linear.linear(h, fusedGateUp[layer]).singletonOrThrow();
                gate = gu.get(sliceGate);
                up = gu.get(sliceUp);
            } else {
                gate = proj(h, p + "mlp.gate_proj");
                up = proj(h, p + "mlp.up_proj");
            }
            NDArray act =
                    a.gelu() ? geluTanh(gate).mul(up) : gate.mul(Activation.sigmoid(gate)).mul(up);
            NDArray d =
                    half != null
                            ? halfLinear(act, half.down()[layer], null)
                            : proj(act, p + "mlp.down_proj");
            if (a.norms() != Arch.Norms.PRE) {
                d = rmsNorm(d, params.get(p + "post_feedforward_layernorm.weight"));
            }
            x = x.add(d);
        }
        if (cache != null) {
            cache.advance(t);
        }
        return rmsNorm(x, params.get("model.norm.weight"));
    }

    /** The fused q|k|v projection of layer {@code layer} (float16 weights on a half view). */
    private NDArray qkvProj(NDArray h, int layer) {
        return half != null
                ? halfLinear(h, half.qkv()[layer], fusedQkvBias[layer])
                : Linear.linear(h, fusedQkv[layer], fusedQkvBias[layer]).singletonOrThrow();
    }

    private boolean someLayerWithoutRope() {
        for (int i = 0; i < config.numLayers(); i++) {
            if (!config.arch().rope(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per-head rotary tables {@code [B, T, nh + 2 kvh, hd]} for a fused q|k|v block: q heads get
     * cos·scale and sin·scale (the attention scale applied with the rotation), k heads cos and sin,
     * v heads cos 1 and sin 0 (x·1 + rotate_half(x)·0 = x exactly).
     */
    private static NDArray[] qkvRotation(NDArray cos, NDArray sin, int nh, int kvh, float scale) {
        NDManager m = cos.getManager();
        NDArray gain = headScale(m, nh, kvh, scale, 0f);
        NDArray vOne = headOffset(m, nh, kvh);
        return new NDArray[] {cos.mul(gain).add(vOne), sin.mul(gain)};
    }

    /** {@code [1, 1, nh + 2 kvh, 1]}: {@code q} for the q heads, 1 for k heads, {@code v} for v. */
    private static NDArray headScale(NDManager m, int nh, int kvh, float q, float v) {
        float[] g = new float[nh + 2 * kvh];
        java.util.Arrays.fill(g, 0, nh, q);
        java.util.Arrays.fill(g, nh, nh + kvh, 1f);
        java.util.Arrays.fill(g, nh + kvh, nh + 2 * kvh, v);
        return m.create(g, new Shape(1, 1, g.length, 1));
    }

    /** {@code [1, 1, nh + 2 kvh, 1]}: 1 for the v heads, 0 elsewhere. */
    private static NDArray headOffset(NDManager m, int nh, int kvh) {
        float[] g = new float[nh + 2 * kvh];
        java.util.Arrays.fill(g, nh + kvh, nh + 2 * kvh, 1f);
        return m.create(g, new Shape(1, 1, g.length, 1));
    }

    /** Logits {@code [..., vocab]} of final hidden states (soft-capped when the family does). */
    public NDArray logits(NDArray hidden) {
        NDArray w =
                params.get(
                        config.tieWordEmbeddings()
                                ? "model.embed_tokens.weight"
                                : "lm_head.weight");
        NDArray l =
                half != null
                        ? halfLinear(hidden, half.lmHead(), null)
                        : Linear.linear(hidden, w).singletonOrThrow();
        double cap = config.arch().finalSoftcap();
        if (cap > 0) {
            NDArray c = TorchOwned.scalar(l.getManager(), (float) cap);
            l = l.div(c).tanh().mul(c);
        }
        return l;
    }

    /** gelu_pytorch_tanh: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
    private static NDArray geluTanh(NDArray x) {
        NDManager m = x.getManager();
        NDArray inner =
                x.mul(x)
                        .mul(x)
                        .mul(TorchOwned.scalar(m, 0.044715f))
                        .add(x)
                        .mul(TorchOwned.scalar(m, (float) Math.sqrt(2 / Math.PI)));
        return x.mul(inner.tanh().add(1f)).mul(TorchOwned.scalar(m, 0.5f));
    }

    /**
     * Rows of the global rotary table for {@code positions}: the position itself, or with longrope
     * 2·position + 1 where the row's sequence is longer than original_max (long factors),
     * 2·position otherwise (short factors): transformers chooses by sequence length.
     */
    private NDArray ropeRows(NDArray positions) {
        Arch.LongRope lr = config.arch().longRope();
        if (lr == null) {
            return positions;
        }
        long[] pos = positions.toLongArray();
        int rowsN = (int) positions.getShape().get(0);
        int t = pos.length / rowsN;
        long[] out = new long[pos.length];
        for (int r = 0; r < rowsN; r++) {
            long max = 0;
            for (int i = 0; i < t; i++) {
                max = Math.max(max, pos[r * t + i]);
            }
            int longRow = max + 1 > lr.originalMax() ? 1 : 0;
            for (int i = 0; i < t; i++) {
                out[r * t + i] = 2 * pos[r * t + i] + longRow;
            }
        }
        return positions.getManager().create(out, positions.getShape());
    }

    /** Full forward to logits {@code [B, T, vocab]}. */
    public NDArray forward(NDArray ids, NDArray positions, float[] keyValid, KvCache cache) {
        return logits(forwardHidden(ids, positions, keyValid, cache));
    }

    private NDArray proj(NDArray x, String name) {
        NDArray bias = params.get(name + ".bias");
        NDArray y = Linear.linear(x, params.get(name + ".weight"), bias).singletonOrThrow();
        NDArray[] ab = adapters.get(name + ".weight");
        if (ab == null) {
            return y;
        }
        NDArray low = Linear.linear(x, ab[0]).singletonOrThrow();
        NDArray delta = Linear.linear(low, ab[1]).singletonOrThrow();
        return y.add(delta.mul(TorchOwned.scalar(delta.getManager(), adapterScale)));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray var = x.square().mean(new int[] {-1}, true);
        NDArray normed = x.div(var.add((float) config.rmsNormEps()).sqrt());
        if (weight == null) {
            return normed;
        }
        // Gemma stores the gain as an offset from one.
        return normed.mul(config.arch().unitOffsetNorm() ? weight.add(1f) : weight);
    }

    /** x * cos + rotate_half(x) * sin, with rotate_half as a signed permutation matmul (exact). */
    private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos).add(x.matMul(rotateHalf).mul(sin));
    }

    private static NDArray rotateHalfMatrix(NDManager manager, int hd, int rd) {
        // rotate_half(x) = cat(-x[rd/2:rd], x[:rd/2]) = x @ R on the first rd channels; the rest
        // (partial rotary) map to zero and keep their value through cos = 1, sin = 0.
        float[] r = new float[hd * hd];
        int half = rd / 2;
        for (int i = 0; i < half; i++) {
            r[(i + half) * hd + i] = -1f; // out[i] = -x[i + half]
            r[i * hd + (i + half)] = 1f; // out[i + half] = x[i]
        }
        return TorchOwned.of(manager, r, new Shape(hd, hd));
    }

    private static boolean allOnes(float[] keyValid) {
        if (keyValid == null) {
            return true;
        }
        for (float v : keyValid) {
            if (v == 0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Additive attention bias: 0 where allowed, -1e9 where masked (finite, so no NaN rows). With a
     * window, key slot j is visible from query slot i only when i - j &lt; window (left padding
     * keeps a sequence's slots contiguous, so slot distance is position distance).
     */
    private static float[] attentionBias(
            long b, int t, int s, int start, float[] keyValid, int window) {
        float[] out = new float[(int) (b * t * s)];
        for (int bi = 0; bi < b; bi++) {
            for (int qi = 0; qi < t; qi++) {
                int qslot = start + qi;
                int base = (bi * t + qi) * s;
                for (int kj = 0; kj < s; kj++) {
                    boolean ok =
                            kj <= qslot
                                    && (window == 0 || qslot - kj < window)
                                    && (keyValid == null || keyValid[bi * s + kj] != 0f);
                    out[base + kj] = ok ? 0f : -1e9f;
                }
            }
        }
        return out;
    }

    private synchronized void ensureRope(int needed) {
        if (needed <= ropeLength) {
            return;
        }
        int len = Math.min(config.maxContext(), Math.max(needed, Math.max(64, ropeLength * 2)));
        int hd = config.headDim();
        Arch.LongRope lr = config.arch().longRope();
        float[][] global;
        if (lr == null) {
            global = RoPE.tables(RoPE.inverseFrequencies(config), 1.0, len, hd);
        } else {
            // Interleaved rows: 2·pos with the short factors, 2·pos + 1 with the long ones.
            global =
                    RoPE.interleave(
                            RoPE.tables(
                                    RoPE.longRope(config, lr.shortFactor()),
                                    lr.attentionFactor(),
                                    len,
                                    hd),
                            RoPE.tables(
                                    RoPE.longRope(config, lr.longFactor()),
                                    lr.attentionFactor(),
                                    len,
                                    hd),
                            hd);
        }
        closeTables();
        int rows = lr == null ? len : 2 * len;
        cosTable = TorchOwned.of(manager, global[0], new Shape(rows, hd));
        sinTable = TorchOwned.of(manager, global[1], new Shape(rows, hd));
        if (config.arch().localRopeTheta() > 0) {
            float[][] local =
                    RoPE.tables(
                            RoPE.plain(config.arch().localRopeTheta(), RoPE.rotaryDim(config)),
                            1.0,
                            len,
                            hd);
            cosLocalTable = TorchOwned.of(manager, local[0], new Shape(len, hd));
            sinLocalTable = TorchOwned.of(manager, local[1], new Shape(len, hd));
        }
        ropeLength = len;
    }

    private void closeTables() {
        for (NDArray a : new NDArray[] {cosTable, sinTable, cosLocalTable, sinLocalTable}) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** Parameter count actually held. */
    public long parameterCount() {
        return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Bytes of weights a decode step reads (every matrix once; one embedding row, ignored). */
    public long decodeBytesPerStep() {
        long total = 0;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            if (e.getKey().equals("model.embed_tokens.weight") && !config.tieWordEmbeddings()) {
                continue;
            }
            total += e.getValue().getShape().size() * DataType.FLOAT32.getNumOfBytes();
        }
        if (half != null) {
            // The matrices are read as float16: two bytes less per element.
            long halfElems = half.lmHead().size();
            for (int i = 0; i < config.numLayers(); i++) {
                halfElems +=
                        half.qkv()[i].size()
                                + half.o()[i].size()
                                + half.gateUp()[i].size()
                                + half.down()[i].size();
            }
            total -= halfElems * (DataType.FLOAT32.getNumOfBytes() - 2);
        }
        return total;
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}

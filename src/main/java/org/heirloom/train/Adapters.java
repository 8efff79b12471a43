package org.heirloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.heirloom.model.DecoderModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.TorchOwned;
import org.heirloom.train.data.DataOrder;

/**
 * LoRA adapters over a frozen decoder. Named as PEFT names them ({@code
 * model.layers.0.self_attn.q_proj.lora_A.weight}); A starts as PEFT's Kaiming-uniform U(±1/√in), B
 * at zero, so the adapted model equals the base before the first update.
 */
final class Adapters {

    private static final java.util.Set<String> ATTENTION =
            java.util.Set.of("q_proj", "k_proj", "v_proj", "o_proj");
    private final LoraConfig lora;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, String[]> byTarget = new LinkedHashMap<>();

    Adapters(DecoderModel base, LoraConfig lora, long seed, NDManager manager) {
        this.lora = lora;
        ModelConfig c = base.config();
        SplittableRandom root = new SplittableRandom(DataOrder.mix(seed, 4242));
        for (int i = 0; i < c.numLayers(); i++) {
            for (String t : lora.targets()) {
                String module =
                        "model.layers." + i + (ATTENTION.contains(t) ? ".self_attn." : ".mlp.") + t;
                long[] shape = base.parameters().get(module + ".weight").getShape().getShape();
                long out = shape[0];
                long in = shape[1];
                float[] a = new float[Math.toIntExact(lora.rank() * in)];
                SplittableRandom r = root.split();
                double bound = 1.0 / Math.sqrt(in);
                for (int k = 0; k < a.length; k++) {
                    a[k] = (float) ((r.nextDouble() * 2 - 1) * bound);
                }
                String an = module + ".lora_A.weight";
                String bn = module + ".lora_B.weight";
                params.put(an, TorchOwned.of(manager, a, new Shape(lora.rank(), in)));
                params.put(bn, manager.zeros(new Shape(out, lora.rank())));
                byTarget.put(module + ".weight", new String[] {an, bn});
            }
        }
    }

    /** The trainable arrays by name. */
    Map<String, NDArray> parameters() {
        return params;
    }

    /** {A, B} by the name of the weight they adapt (for the decoder's x·Wᵀ + s·(x·Aᵀ)·Bᵀ). */
    Map<String, NDArray[]> pairs() {
        Map<String, NDArray[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : byTarget.entrySet()) {
            out.put(
                    e.getKey(),
                    new NDArray[] {params.get(e.getValue()[0]), params.get(e.getValue()[1])});
        }
        return out;
    }

    float scale() {
        return (float) lora.scale();
    }

    /** Adds the deltas into the base weights in place (for saving a plain checkpoint). */
    void mergeInto(Map<String, NDArray> base, NDManager scratch) {
        float scale = (float) lora.scale();
        for (Map.Entry<String, String[]> e : byTarget.entrySet()) {
            try (NDManager local = scratch.newSubManager()) {
                NDArray w = base.get(e.getKey());
                NDArray a = params.get(e.getValue()[0]);
                NDArray b = params.get(e.getValue()[1]);
                local.tempAttachAll(w, a, b);
                w.addi(b.matMul(a).muli(scale));
            }
        }
    }
}

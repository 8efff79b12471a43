package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * Small models decode at the speed of their native-op count (each op is a JNI crossing and a kernel
 * launch), so the count per layer of one cached decode step is held to its budget: 41 for a fused
 * Llama layer (2 RMSNorms × 6, q|k|v matmul + reshape + rotation (4) + 3 head slices, query
 * regrouping, kᵀ and v transposes, 2 cache writes + 2 views, q·kᵀ, softmax, ·v, reshape, o,
 * residual add, gate|up matmul + 2 slices, SiLU-gating (3), down, residual add).
 */
class DecodeStepOpsTest {

    private static int arraysPerStep(int layers) throws Exception {
        ModelConfig c = ModelConfig.llama(97, 48, 112, layers, 6, 2, true);
        try (LocalModel model = LocalModel.builder().optRandomInit(c, 3).build()) {
            DecoderModel d = model.decoder();
            try (NDManager gm = d.manager().newSubManager();
                    KvCache cache = new KvCache(gm, c, 2, 8)) {
                try (NDManager s = gm.newSubManager()) {
                    d.forwardHidden(
                            s.create(new long[] {1, 5, 9, 1, 7, 3}, new Shape(2, 3)),
                            s.create(new long[] {0, 1, 2, 0, 1, 2}, new Shape(2, 3)),
                            2,
                            null,
                            cache);
                }
                try (NDManager s = gm.newSubManager()) {
                    d.forwardHidden(
                            s.create(new long[] {4, 8}, new Shape(2, 1)),
                            s.create(new long[] {3, 3}, new Shape(2, 1)),
                            3,
                            null,
                            cache);
                    return s.getManagedArrays().size();
                }
            }
        }
    }

    @Test
    void aCachedDecodeStepStaysWithinItsOpBudgetPerLayer() throws Exception {
        int two = arraysPerStep(2);
        int four = arraysPerStep(4);
        int perLayer = (four - two) / 2;
        assertTrue(perLayer > 0, "ops counted: " + two + ", " + four);
        assertTrue(
                perLayer <= 41, perLayer + " native arrays per layer per decode step (budget 41)");
        // Outside the layers: ids and positions (2), cos/sin rows + expand (4), the per-head
        // rotation tables (2 constants + 3 ops), embedding, final RMSNorm (6).
        assertTrue(two - 2 * perLayer <= 18, (two - 2 * perLayer) + " outside the layers");
    }
}

package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.model.DecoderModel;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.train.data.MicroBatch;
import org.heirloom.train.data.TokenizedExample;
import org.heirloom.train.data.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * A training step's gradients must not depend on the garbage collector (issue #11 finding 9, the
 * rare NaN held-out loss). DJL's {@code div(Number)} / {@code mul(Number)} put the number in an
 * array over a Java direct buffer and close that array when the op returns, while autograd keeps it
 * for the backward pass; a collection between forward and backward freed the buffer, and backward
 * scaled the gradients by freed memory (NaN, ±inf, 1e17, 1e-16). Here the collection is forced
 * between forward and backward and the freed memory is reused with NaN on purpose, so the old code
 * fails every time: the gradients must still equal those of an undisturbed pass.
 */
class GradientsAfterGcTest {

    /** Keeps the NaN-filled buffers (and so the reused memory) alive until backward has run. */
    private final List<ByteBuffer> poison = new ArrayList<>();

    @Test
    void llamaGradientsSurviveACollectionBetweenForwardAndBackward() throws Exception {
        // Unfused forward: q·scale per layer, and the step's loss / target count.
        try (LocalModel m = TinyModels.random(3)) {
            assertSameGradients(m, null);
        }
    }

    @Test
    void loraGradientsSurviveACollectionBetweenForwardAndBackward() throws Exception {
        // The adapters' low-rank path is scaled by alpha / r on the tape.
        try (LocalModel m = TinyModels.random(4)) {
            assertSameGradients(m, LoraConfig.of(4));
        }
    }

    @Test
    void gemma2GradientsSurviveACollectionBetweenForwardAndBackward() throws Exception {
        // Gemma 2 adds scalar operands on the tape: embedding scale, attention and final
        // soft-caps, tanh-GELU's constants.
        try (LocalModel m =
                LocalModel.builder()
                        .optModelDir(Fixtures.model("tiny-gemma2"))
                        .optFuse(false)
                        .build()) {
            assertSameGradients(m, null);
        }
    }

    private void assertSameGradients(LocalModel model, LoraConfig lora) throws Exception {
        TrainingConfig cfg = TrainerTest.fast();
        List<TokenizedExample> train =
                Trainer.Split.of(model, cfg, 1, TrainingData.of("mem", TrainerTest.DATA)).train();
        List<List<TokenizedExample>> rows = new ArrayList<>();
        for (TokenizedExample e : train) {
            rows.add(List.of(e));
        }
        MicroBatch mb = MicroBatch.of(rows);
        DecoderModel base = model.decoder();
        base.prepareForTraining();
        NDManager adapterManager = base.manager().newSubManager();
        try {
            Adapters adapters = null;
            Map<String, NDArray> trainable = base.parameters();
            if (lora != null) {
                for (NDArray p : base.parameters().values()) {
                    p.setRequiresGradient(false);
                }
                adapters = new Adapters(base, lora, 1, adapterManager);
                trainable = adapters.parameters();
                for (NDArray p : trainable.values()) {
                    p.setRequiresGradient(true);
                }
            }
            List<float[]> calm = gradients(base, adapters, trainable, mb, false);
            List<float[]> disturbed = gradients(base, adapters, trainable, mb, true);
            assertEquals(calm.size(), disturbed.size());
            int i = 0;
            for (String name : trainable.keySet()) {
                float[] a = calm.get(i);
                float[] b = disturbed.get(i++);
                for (int k = 0; k < a.length; k++) {
                    assertTrue(Float.isFinite(a[k]), name + " [" + k + "] " + a[k]);
                    // Same ops on the same data; only MKL's alignment-dependent paths may move
                    // the last bits between the two passes.
                    assertEquals(
                            a[k],
                            b[k],
                            1e-5 * Math.max(1, Math.abs(a[k])),
                            name + " [" + k + "] after a collection");
                }
            }
        } finally {
            adapterManager.close();
            poison.clear();
        }
    }

    /** One micro-batch's gradients through the trainer's own loss, as a step computes them. */
    private List<float[]> gradients(
            DecoderModel base,
            Adapters adapters,
            Map<String, NDArray> trainable,
            MicroBatch mb,
            boolean collectBeforeBackward)
            throws InterruptedException {
        try (NDManager sm = base.manager().newSubManager()) {
            sm.tempAttachAll(base.parameters().values().toArray(new NDArray[0]));
            DecoderModel d =
                    adapters == null
                            ? base
                            : DecoderModel.over(
                                    base.config(),
                                    sm,
                                    base.parameters(),
                                    adapters.pairs(),
                                    adapters.scale());
            List<NDArray> g;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss =
                        Trainer.perTarget(
                                Trainer.targetLogProbSum(d, mb, sm).neg(), mb.targetCount(), sm);
                if (collectBeforeBackward) {
                    collectAndReuseFreedMemory();
                }
                g = FusedOps.grads(loss, new ArrayList<>(trainable.values()), sm);
            }
            List<float[]> out = new ArrayList<>();
            for (NDArray x : g) {
                out.add(x.toFloatArray());
            }
            return out;
        }
    }

    /**
     * Lets the collector free every unreachable direct buffer (a closed array's), then takes small
     * blocks again and fills them with NaN: malloc hands back the freed ones, so anything that
     * still reads them reads NaN instead of the old value.
     */
    private void collectAndReuseFreedMemory() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(20);
        }
        for (int k = 0; k < 2000; k++) {
            for (int size : new int[] {4, 8}) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                for (int j = 0; j < size; j += 4) {
                    b.putFloat(j, Float.NaN);
                }
                poison.add(b);
            }
        }
    }
}

package org.heirloom.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Torch's intra-op thread count (OpenMP). */
public final class TorchThreads {

    private TorchThreads() {}

    /** Sets the intra-op threads, loading the engine first if needed. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}

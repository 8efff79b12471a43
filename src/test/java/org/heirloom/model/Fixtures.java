package org.heirloom.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/models; tests that need it skip when it is absent. */
public final class Fixtures {

    private Fixtures() {}

    public static Path models() {
        String shared = System.getProperty("heirloom.shared");
        Path p = shared == null ? null : Path.of(shared, "models");
        assumeTrue(
                p != null && Files.isRegularFile(p.resolve("EXPECTED.jsonl")),
                "shared model fixtures not found (system property heirloom.shared → ../shared/models)");
        return p;
    }

    public static Path model(String name) {
        return models().resolve(name);
    }

    /** A small Llama config with GQA and an odd vocabulary, for random-init models. */
    public static ModelConfig smallLlama(boolean tied) {
        return ModelConfig.llama(97, 48, 112, 2, 6, 2, tied);
    }

    /** A small Qwen2 config (q/k/v biases). */
    public static ModelConfig smallQwen2() {
        ModelConfig l = smallLlama(true);
        return new ModelConfig(
                "qwen2",
                l.vocabSize(),
                l.hiddenSize(),
                l.intermediateSize(),
                l.numLayers(),
                l.numHeads(),
                l.numKvHeads(),
                l.headDim(),
                1e6,
                1e-6,
                true,
                true,
                false,
                l.maxContext(),
                null,
                1,
                l.eosTokenIds());
    }
}

package org.heirloom.train;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;

/** Tiny random-init models over the shared char tokenizer (tiny-llama's: one id per char). */
final class TinyModels {

    private TinyModels() {}

    static Path tokenizerDir() {
        String shared = System.getProperty("heirloom.shared");
        Path p = shared == null ? null : Path.of(shared, "models", "tiny-llama");
        assumeTrue(
                p != null && Files.isRegularFile(p.resolve("tokenizer.json")),
                "shared tiny-llama tokenizer not found (system property heirloom.shared)");
        return p;
    }

    /** hidden 32, 2 layers, 4 heads / 2 kv heads, vocab 99 (the char tokenizer's). */
    static ModelConfig config() {
        return ModelConfig.llama(99, 32, 64, 2, 4, 2, true);
    }

    static LocalModel random(long seed) throws IOException {
        return LocalModel.builder()
                .optRandomInit(config(), seed)
                .optTokenizerDir(tokenizerDir())
                .optFuse(false)
                .build();
    }

    /** Saves a random-init model as a base checkpoint folder. */
    static Path saveBase(Path dir, long seed) throws IOException {
        try (LocalModel m = random(seed)) {
            m.save(dir);
        }
        return dir;
    }
}

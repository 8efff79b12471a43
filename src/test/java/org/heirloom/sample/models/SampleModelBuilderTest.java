package org.heirloom.sample.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.heirloom.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleModelBuilderTest {

    private static SampleModelSpec tiny(String name, long corpusSeed) {
        return new SampleModelSpec(
                name,
                corpusSeed,
                24,
                16,
                1,
                2,
                1,
                32,
                512,
                5,
                6,
                SampleModelSpec.training(3e-3, 3));
    }

    @Test
    void twoBuildsGiveIdenticalFiles(@TempDir Path dir) throws Exception {
        List<SampleModelSpec> all = List.of(tiny("t", 1), tiny("s", 2));
        SampleModelBuilder.Built a =
                SampleModelBuilder.build(
                        all,
                        all.get(0),
                        dir.resolve("a"),
                        1,
                        Trainer.Listener.NONE,
                        JobContext.none());
        SampleModelBuilder.build(
                all, all.get(0), dir.resolve("b"), 1, Trainer.Listener.NONE, JobContext.none());
        SampleModelBuilder.Built s =
                SampleModelBuilder.build(
                        all,
                        all.get(1),
                        dir.resolve("a"),
                        1,
                        Trainer.Listener.NONE,
                        JobContext.none());
        assertEquals(3, a.outcome().totalSteps());
        assertTrue(Double.isFinite(a.outcome().lastTrainLoss()));
        for (String f :
                List.of(
                        "model.safetensors",
                        "tokenizer.json",
                        "tokenizer_config.json",
                        "config.json",
                        "generation_config.json",
                        "heirloom-build.json")) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("a/t").resolve(f)),
                    Files.readAllBytes(dir.resolve("b/t").resolve(f)),
                    f);
        }
        // One tokenizer for every model of a build; the work folders are gone.
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a/t/tokenizer.json")),
                Files.readAllBytes(s.dir().resolve("tokenizer.json")));
        assertFalse(Files.exists(dir.resolve("a/.building-t")));
        for (Tensor t : SafeTensors.read(dir.resolve("a/t/model.safetensors")).values()) {
            assertEquals(DType.F16, t.dtype());
        }
        try (LocalModel m = LocalModel.load(dir.resolve("a/t"))) {
            assertEquals(a.vocab(), m.config().vocabSize());
            assertEquals(List.of(2), m.config().eosTokenIds());
            assertEquals(1, m.config().bosTokenId());
            assertEquals("</s>", m.specialTokens().get("eos_token"));
        }
    }
}

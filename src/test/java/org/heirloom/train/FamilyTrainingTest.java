package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.train.data.TrainingData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LoRA and full fine-tuning on every family's fixture: a few steps lower the loss, and the saved
 * student reloads (checkpoint names and config of its family) with the same greedy output.
 */
class FamilyTrainingTest {

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "tiny-qwen3",
                "tiny-gemma2",
                "tiny-gemma3",
                "tiny-phi3",
                "tiny-phi3-partial-longrope",
                "tiny-olmo2",
                "tiny-smollm3"
            })
    void loraAndFullTrainingLowerTheLossAndSurviveSaveAndReload(String name) throws Exception {
        Path base = Fixtures.model(name);
        TrainingConfig lora =
                TrainerTest.fast()
                        .withMaxSteps(12)
                        .withLora(
                                new LoraConfig(
                                        4,
                                        8,
                                        List.of(
                                                "q_proj",
                                                "k_proj",
                                                "v_proj",
                                                "o_proj",
                                                "gate_proj",
                                                "up_proj",
                                                "down_proj")));
        TrainingConfig full = TrainerTest.fast().withMaxSteps(12).withLearningRate(3e-3);
        for (TrainingConfig cfg : List.of(lora, full)) {
            Path out = tmp.resolve(name + (cfg.lora() == null ? "-full" : "-lora"));
            long[] trainedIds;
            try (LocalModel m = LocalModel.builder().optModelDir(base).optFuse(false).build()) {
                List<Double> losses = new ArrayList<>();
                new Trainer(m, cfg, 5, TrainingData.of("mem", TrainerTest.DATA))
                        .run(null, (s, sp, l, lr, n) -> losses.add(l), JobContext.none());
                double first = losses.get(0);
                double last = losses.get(losses.size() - 1);
                assertTrue(last < 0.8 * first, name + " loss " + first + " -> " + last);
                trainedIds = greedy(m);
                m.save(out);
            }
            // The checkpoint keeps the family's names (Phi-3: fused projections).
            var names = SafeTensors.read(out.resolve("model.safetensors")).keySet();
            assertEquals(
                    name.startsWith("tiny-phi3"),
                    names.contains("model.layers.0.self_attn.qkv_proj.weight"),
                    String.valueOf(names));
            try (LocalModel back = LocalModel.load(out);
                    LocalModel original = LocalModel.load(base)) {
                assertEquals(original.config(), back.config());
                assertArrayEquals(trainedIds, greedy(back), name + " greedy after reload");
            }
        }
    }

    private static long[] greedy(LocalModel m) {
        long[] ids = m.tokenizer().encode("Q:cat A:");
        GeneratedSequence g =
                m.newGenerator()
                        .generate(
                                List.of(new SequenceRequest(ids, 0)),
                                GenerationOptions.greedy(12),
                                JobContext.none())
                        .get(0);
        return g.ids();
    }
}

package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.train.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's end-to-end case: a LoRA student of {@code tiny-qwen3} (made bf16, with a chat
 * template beside it) trains on the chat template, is saved in bf16 like its base, and the saved
 * student greedily writes exactly what it wrote before saving.
 */
class ChatBf16StudentTest {

    @TempDir Path tmp;

    /** A Qwen-style template in the fixture's one-character-per-token vocabulary. */
    private static final String TEMPLATE =
            "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
                    + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    @Test
    void chatLoraStudentOfTinyQwen3SavesAsBf16AndReloadsWithIdenticalGreedyOutput()
            throws Exception {
        Path base = tmp.resolve("qwen3-bf16");
        try (LocalModel f32 = LocalModel.load(Fixtures.model("tiny-qwen3"))) {
            f32.save(base, DType.BF16);
        }
        Files.writeString(base.resolve("chat_template.jinja"), TEMPLATE);
        TrainingConfig cfg =
                TrainerTest.fast()
                        .withMaxSteps(12)
                        .withTemplate("chat")
                        .withLora(new LoraConfig(4, 8, List.of("q_proj", "v_proj", "o_proj")));
        Path out = tmp.resolve("student");
        long[] before;
        try (LocalModel m = LocalModel.builder().optModelDir(base).optFuse(false).build()) {
            assertEquals(DType.BF16, m.storedDType());
            List<Double> losses = new ArrayList<>();
            new Trainer(m, cfg, 3, TrainingData.of("mem", TrainerTest.DATA))
                    .run(null, (s, sp, l, lr, n) -> losses.add(l), JobContext.none());
            assertTrue(
                    losses.get(losses.size() - 1) < 0.8 * losses.get(0),
                    "chat LoRA loss " + losses);
            before = greedy(m);
            m.save(out);
        }
        for (var t : SafeTensors.read(out.resolve("model.safetensors")).values()) {
            assertEquals(DType.BF16, t.dtype(), "student weights stay bf16");
        }
        assertEquals(TEMPLATE, Files.readString(out.resolve("chat_template.jinja")));
        try (LocalModel back = LocalModel.load(out)) {
            assertArrayEquals(before, greedy(back), "greedy ids after the bf16 round trip");
        }
    }

    /** Greedy ids for one user turn rendered with the model's chat template. */
    private static long[] greedy(LocalModel m) {
        PromptTemplate chat = PromptTemplate.parse("chat", m);
        long[] ids = m.tokenizer().encode(chat.render("cat"), chat.addSpecialTokens());
        return m.newGenerator()
                .generate(
                        List.of(new SequenceRequest(ids, 0)),
                        GenerationOptions.greedy(12),
                        JobContext.none())
                .get(0)
                .ids();
    }
}

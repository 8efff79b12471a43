package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model made by our code (random init, saved) with tiny-llama's tokenizer and a chat template in
 * tokenizer_config.json, driven through {@code heirloom generate --template chat}.
 */
class ChatTemplateCliTest {

    @TempDir Path tmp;

    @Test
    void chatTemplateFromTokenizerConfigIsRenderedAndEncodedWithoutASecondBos() throws Exception {
        Path tokDir = tmp.resolve("tok");
        Files.createDirectories(tokDir);
        Files.copy(
                Fixtures.model("tiny-llama").resolve("tokenizer.json"),
                tokDir.resolve("tokenizer.json"));
        Files.writeString(
                tokDir.resolve("tokenizer_config.json"),
                "{\"bos_token\": \"<s>\", \"eos_token\": {\"content\": \"</s>\"},"
                        + " \"chat_template\": \"{{ bos_token }}{% for m in messages %}<{{ m.role }}>"
                        + "{{ m.content }}{{ eos_token }}{% endfor %}{% if add_generation_prompt %}<a>{% endif %}\"}");
        Path model = tmp.resolve("model");
        try (LocalModel m =
                LocalModel.builder()
                        .optRandomInit(
                                org.heirloom.model.ModelConfig.llama(99, 32, 64, 2, 4, 2, true),
                                9,
                                0.3)
                        .optTokenizerDir(tokDir)
                        .build()) {
            m.save(model);
        }
        JsonNode r =
                GenerateCommandExpectedTest.runCli(
                        "generate",
                        "--model",
                        model.toString(),
                        "--prompt",
                        "Hi",
                        "--template",
                        "chat",
                        "--max-new-tokens",
                        "3",
                        "--json");
        // "<s><user>Hi</s><a>": <s> and </s> are special tokens (1, 2), every other character is
        // one token, id = ASCII - 29; no second BOS from the post-processor.
        String rest1 = "<user>Hi";
        long[] want = new long[1 + rest1.length() + 1 + 3];
        int i = 0;
        want[i++] = 1;
        for (char c : rest1.toCharArray()) {
            want[i++] = c - 29;
        }
        want[i++] = 2;
        for (char c : "<a>".toCharArray()) {
            want[i++] = c - 29;
        }
        assertArrayEquals(want, GenerateCommandExpectedTest.longs(r.get("prompt_ids")));
        assertEquals(1, r.get("completions").size());
    }
}

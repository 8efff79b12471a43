package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.model.template.ChatTemplateFiles;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.teacher.TemplateOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real Hugging Face tokenizers ({@code ../shared/tokenizers}): ids with and without special tokens,
 * and chat renderings encoded as transformers' {@code apply_chat_template(tokenize=True)} does,
 * against the reference implementations' {@code EXPECTED.jsonl}.
 */
class RealTokenizersTest {

    private static Path dir(String name) {
        String shared = System.getProperty("heirloom.shared", "../shared");
        Path p = Path.of(shared, "tokenizers", name);
        assumeTrue(
                Files.isRegularFile(p.resolve("EXPECTED.jsonl")),
                "real tokenizer fixtures not found (../shared/tokenizers/" + name + ")");
        return p;
    }

    private static long[] ids(JsonNode n) {
        long[] out = new long[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asLong();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "deepseek-v3"})
    void idsAndChatRenderingsMatchTheReference(String name) throws Exception {
        Path dir = dir(name);
        ObjectMapper json = new ObjectMapper();
        ChatTemplateFiles files = ChatTemplateFiles.read(dir);
        assertTrue(files.template() != null, name + " has a chat template");
        PromptTemplate.ChatTemplate chat =
                new PromptTemplate.ChatTemplate(
                        files.template(), files.origin(), files.specialTokens());
        int texts = 0;
        int chats = 0;
        try (ModelTokenizer tok = ModelTokenizer.open(dir)) {
            for (String line : Files.readAllLines(dir.resolve("EXPECTED.jsonl"))) {
                JsonNode o = json.readTree(line);
                if (o.get("kind").asText().equals("text")) {
                    String text = o.get("text").asText();
                    assertArrayEquals(ids(o.get("ids")), tok.encode(text, false), text);
                    assertArrayEquals(ids(o.get("ids_with_special")), tok.encode(text, true), text);
                    texts++;
                } else {
                    List<Map<String, String>> msgs = new ArrayList<>();
                    for (JsonNode m : o.get("messages")) {
                        msgs.add(
                                Map.of(
                                        "role",
                                        m.get("role").asText(),
                                        "content",
                                        m.get("content").asText()));
                    }
                    String rendered =
                            chat.renderMessages(msgs, o.get("add_generation_prompt").asBoolean());
                    assertEquals(o.get("rendered").asText(), rendered);
                    assertArrayEquals(ids(o.get("ids")), tok.encode(rendered, false), rendered);
                    chats++;
                }
            }
        }
        assertTrue(texts >= 5 && chats >= 3, texts + " texts, " + chats + " chats");
    }

    /**
     * The same through the engine: a tiny random model with the real tokenizer beside it, its
     * {@code chat} template (with the system prompt as a template option) gives the reference's
     * prompt ids for the one-turn conversations.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "deepseek-v3"})
    void engineChatPromptsMatchTheReference(String name) throws Exception {
        Path dir = dir(name);
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        try (LocalModel model =
                LocalModel.builder()
                        .optRandomInit(ModelConfig.llama(160_000, 8, 16, 1, 2, 1, true), 1)
                        .optTokenizerDir(dir)
                        .optFuse(false)
                        .build()) {
            for (String line : Files.readAllLines(dir.resolve("EXPECTED.jsonl"))) {
                JsonNode o = json.readTree(line);
                JsonNode msgs = o.path("messages");
                if (!o.get("kind").asText().equals("chat") || msgs.size() > 2) {
                    continue;
                }
                TemplateOptions opts = TemplateOptions.NONE;
                if (msgs.size() == 2) {
                    assertEquals("system", msgs.get(0).get("role").asText());
                    opts = opts.withSystem(msgs.get(0).get("content").asText());
                }
                PromptTemplate t = PromptTemplate.parse("chat", model, opts);
                String user = msgs.get(msgs.size() - 1).get("content").asText();
                assertArrayEquals(
                        ids(o.get("ids")), PromptGeneration.promptIds(model, t, user), line);
                checked++;
            }
        }
        assertEquals(2, checked);
    }
}

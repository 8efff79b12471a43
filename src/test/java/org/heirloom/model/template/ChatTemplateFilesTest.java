package org.heirloom.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.heirloom.teacher.ReasoningSplit;
import org.heirloom.teacher.TemplateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a chat template is found, as transformers looks for it. */
class ChatTemplateFilesTest {

    @TempDir Path dir;

    @Test
    void namedListFormUsesDefaultAndJinjaFileWins() throws Exception {
        Files.writeString(
                dir.resolve("tokenizer_config.json"),
                "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"},"
                        + " {\"name\": \"default\", \"template\": \"D{{ bos_token }}\"}],"
                        + " \"bos_token\": {\"content\": \"<s>\"}, \"eos_token\": \"</s>\"}");
        ChatTemplateFiles f = ChatTemplateFiles.read(dir);
        assertEquals("D{{ bos_token }}", f.template());
        assertEquals(dir.resolve("tokenizer_config.json") + " (chat_template)", f.origin());
        assertEquals(Map.of("bos_token", "<s>", "eos_token", "</s>"), f.specialTokens());

        Files.writeString(dir.resolve("chat_template.jinja"), "J{{ messages[0].content }\n");
        f = ChatTemplateFiles.read(dir);
        assertEquals("J{{ messages[0].content }\n", f.template());
        String origin = f.origin();
        // A broken template names its file, line and column.
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new PromptTemplate.ChatTemplate("x\n{{ a }", origin, Map.of()));
        assertEquals(origin + ":2:6: unexpected '}'", e.getMessage());
    }

    @Test
    void noTemplateAndBadJson() throws Exception {
        assertNull(ChatTemplateFiles.read(dir).template());
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\n  \"chat_template\": ");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ChatTemplateFiles.read(dir));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                dir.resolve("tokenizer_config.json") + ": not valid JSON (line 2"),
                e.getMessage());
    }

    @Test
    void systemPromptAndKwargsReachTheTemplate() {
        String t =
                "{% for m in messages %}[{{ m.role }}:{{ m.content }}]{% endfor %}"
                        + "{% if add_generation_prompt %}<a>{% if enable_thinking is defined and"
                        + " not enable_thinking %}<think></think>{% endif %}{% endif %}";
        var chat =
                new PromptTemplate.ChatTemplate(
                        t,
                        "t",
                        Map.of(),
                        TemplateOptions.NONE
                                .withSystem("Be brief.")
                                .withKwarg("enable_thinking", TemplateOptions.value("false")));
        assertEquals("[system:Be brief.][user:Hi]<a><think></think>", chat.render("Hi"));
        assertEquals(
                "chat {\"system\":\"Be brief.\",\"kwargs\":{\"enable_thinking\":false}}",
                chat.spec());
        assertEquals("[user:Hi]<a>", new PromptTemplate.ChatTemplate(t, Map.of()).render("Hi"));
    }

    @Test
    void reasoningIsSplitFromTheAnswer() {
        assertEquals(
                new ReasoningSplit("step 1", "Paris."),
                ReasoningSplit.of("<think>\nstep 1\n</think>\n\nParis."));
        assertEquals(new ReasoningSplit("r", "A"), ReasoningSplit.of("r</think>A"));
        assertEquals(new ReasoningSplit("cut off", ""), ReasoningSplit.of("<think>cut off"));
        assertEquals(
                new ReasoningSplit("think", "Hi"),
                ReasoningSplit.of(
                        "<|channel|>analysis<|message|>think<|end|><|start|>assistant"
                                + "<|channel|>final<|message|>Hi<|return|>"));
        assertEquals(new ReasoningSplit(null, "plain"), ReasoningSplit.of("plain"));
    }

    @Test
    void templateOptionsRoundTripThroughSpecs() {
        TemplateOptions o =
                TemplateOptions.NONE
                        .withSpecOption("system", "a%3Bb %25 c")
                        .withSpecOption("kwarg.enable_thinking", "false")
                        .withSpecOption("kwarg.budget", "128")
                        .withSpecOption("kwarg.mode", "fast");
        assertEquals("a;b % c", o.system());
        assertEquals(Map.of("enable_thinking", false, "budget", 128L, "mode", "fast"), o.kwargs());
        assertEquals(
                ";system=a%3Bb %25 c;kwarg.budget=128;kwarg.enable_thinking=false;kwarg.mode=fast",
                o.toSpecOptions());
        assertNull(TemplateOptions.NONE.withSpecOption("colour", "red"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TemplateOptions.NONE.withKwarg("messages", "x"));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> TemplateOptions.fromCommandLine(null, java.util.List.of("novalue")));
    }
}

package org.heirloom.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real chat templates (as published in tokenizer_config.json files) and hand-derived outputs. */
class JinjaTest {

    private static final Map<String, String> SPECIAL =
            Map.of("bos_token", "<s>", "eos_token", "</s>");

    private static String chat(
            String template, Map<String, String> special, List<Map<String, String>> msgs) {
        return new PromptTemplate.ChatTemplate(template, special).renderMessages(msgs);
    }

    private static Map<String, String> msg(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    /** SmolLM2-Instruct: ChatML with a default system prompt. */
    @Test
    void smolLm2ChatMl() {
        String t =
                "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
                        + "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
                        + "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
                        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";
        assertEquals(
                "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                        + "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n",
                chat(t, SPECIAL, List.of(msg("user", "Hi there"))));
        assertEquals(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                chat(t, SPECIAL, List.of(msg("system", "Be brief."), msg("user", "Hi"))));
    }

    /** TinyLlama-Chat (Zephyr): one tag per line, relies on trim_blocks and lstrip_blocks. */
    @Test
    void tinyLlamaZephyrNeedsTrimAndLstripBlocks() {
        String t =
                "{% for message in messages %}\n"
                        + "{% if message['role'] == 'user' %}\n"
                        + "{{ '<|user|>\n' + message['content'] + eos_token }}\n"
                        + "{% elif message['role'] == 'system' %}\n"
                        + "{{ '<|system|>\n' + message['content'] + eos_token }}\n"
                        + "{% elif message['role'] == 'assistant' %}\n"
                        + "{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n"
                        + "{% endif %}\n"
                        + "{% if loop.last and add_generation_prompt %}\n"
                        + "{{ '<|assistant|>' }}\n"
                        + "{% endif %}\n"
                        + "{% endfor %}";
        assertEquals(
                "<|system|>\nBe kind.</s>\n<|user|>\nHi</s>\n<|assistant|>\n",
                chat(t, SPECIAL, List.of(msg("system", "Be kind."), msg("user", "Hi"))));
    }

    /** Llama 3 Instruct: set, filters binding tighter than +, bos_token. */
    @Test
    void llama3Instruct() {
        String t =
                "{% set loop_messages = messages %}{% for message in loop_messages %}"
                        + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}"
                        + "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
                        + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";
        assertEquals(
                "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                chat(t, Map.of("bos_token", "<|begin_of_text|>"), List.of(msg("user", "  Hi \n"))));
    }

    /** Llama 2 / Mistral style: slicing, raise_exception, modulo, whitespace control. */
    @Test
    void llama2StyleWithSystemMergeAndAlternationCheck() {
        String t =
                "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
                        + "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
                        + "{% set system_message = false %}{% endif %}"
                        + "{% for message in loop_messages %}"
                        + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
                        + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
                        + "{% if loop.index0 == 0 and system_message != false %}"
                        + "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
                        + "{% else %}{% set content = message['content'] %}{% endif %}"
                        + "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
                        + "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";
        assertEquals(
                "<s>[INST] <<SYS>>\nS\n<</SYS>>\n\nQ [/INST]",
                chat(t, SPECIAL, List.of(msg("system", "S"), msg("user", "Q"))));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> chat(t, SPECIAL, List.of(msg("assistant", "A"))));
        assertTrue(e.getMessage().contains("roles must alternate"), e.getMessage());
    }

    /** Qwen2.5-style: namespace, reverse slices, tests, tojson, dash whitespace control. */
    @Test
    void namespacesSlicesTestsAndJson() {
        String t =
                "{%- set ns = namespace(found=false, n=0) -%}\n"
                        + "{%- for m in messages[::-1] -%}\n"
                        + "    {%- if m.role == 'system' %}{% set ns.found = true %}{% endif -%}\n"
                        + "    {%- set ns.n = ns.n + 1 -%}\n"
                        + "{%- endfor -%}\n"
                        + "{{ ns.found }} {{ ns.n }} {{ messages[-1].content | length }} "
                        + "{{ tools is defined }} {{ (messages | first).role ~ '/' ~ 'x' * 2 }} "
                        + "{{ {'a': [1, 'b', none, true]} | tojson }} {{ 'q' if 7 // 2 == 3 else 'r' }} "
                        + "{{ 'a,b' .split(',') | join('+') }}";
        assertEquals(
                "True 2 5 False system/xx {\"a\": [1, \"b\", null, true]} q a+b",
                chat(t, SPECIAL, List.of(msg("system", "S"), msg("user", "héllo"))));
    }

    /** Qwen2.5-Instruct's template (tools branch, tool-call loop, tool responses), verbatim. */
    @Test
    void qwen25WithToolsBranchesAndToolResponses() throws Exception {
        String t;
        try (var in = JinjaTest.class.getResourceAsStream("qwen2.5-chat-template.jinja")) {
            t = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(
                "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                        + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                chat(t, SPECIAL, List.of(msg("user", "Hi"))));
        assertEquals(
                "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                        + "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\n<tool_response>\n42\n</tool_response>"
                        + "\n<tool_response>\n43\n</tool_response><|im_end|>\n<|im_start|>assistant\n",
                chat(
                        t,
                        SPECIAL,
                        List.of(
                                msg("system", "S"),
                                msg("user", "Hi"),
                                msg("assistant", "Hello!"),
                                msg("tool", "42"),
                                msg("tool", "43"))));
        // The tools branch: a tool definition rendered with tojson.
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("messages", List.of(msg("user", "Hi")));
        vars.put("add_generation_prompt", false);
        vars.put("tools", List.of(Map.of("name", "f")));
        String out = Jinja.parse(t).render(vars);
        assertTrue(out.contains("<tools>\n{\"name\": \"f\"}\n</tools>"), out);
        assertTrue(
                out.contains("{\"name\": <function-name>, \"arguments\": <args-json-object>}"),
                out);
        assertTrue(out.endsWith("<|im_start|>user\nHi<|im_end|>\n"), out);
    }

    @Test
    void unsupportedConstructsAreNamed() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Jinja.parse("{% include 'x.j2' %}", "t.jinja"));
        assertEquals(
                "t.jinja:1:4: '{% include %}' is not supported in chat templates", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Jinja.parse("a\n  {{ x | wordwrap }}", "t").render(Map.of("x", "a")));
        assertEquals("t:2:3: no filter named 'wordwrap'", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Jinja.parse("x\n{% if x %}open", "f"));
        assertEquals(
                "f:2:1: '{% if %}' is never closed (expected one of elif, else, endif)",
                e.getMessage());
    }

    /** Mistral v0.3 prints a literal "}}" from inside a tag; Jinja2 lexes strings first. */
    @Test
    void stringLiteralsMayContainClosingBraces() {
        assertEquals("a}}b", Jinja.parse("a{{- \"}}\" }}b").render(Map.of()));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Jinja.parse("ok\n{{ 'open }}", "tpl.jinja"));
        assertEquals("tpl.jinja:2:4: unterminated string starting with '", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Jinja.parse("{{ raise_exception('bad role') }}", "m")
                                        .render(Map.of()));
        assertEquals("m:1:1: the template raised: bad role", e.getMessage());
    }

    /** Hand-derived from Jinja2's documented semantics. */
    @Test
    void macrosCallerSetBlocksLoopControlsAndFilters() {
        assertEquals(
                "<b>x</b>|<i>y:3</i>",
                Jinja.parse(
                                "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}"
                                        + "{% macro w(n=3) %}<i>{{ caller() }}:{{ n }}</i>{% endmacro %}"
                                        + "{{ b('x') }}|{% call w() %}y{% endcall %}")
                        .render(Map.of()));
        assertEquals(
                "[HI]",
                Jinja.parse("{% set s | upper %} hi {% endset %}[{{ s | trim }}]")
                        .render(Map.of()));
        assertEquals(
                "13",
                Jinja.parse(
                                "{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}"
                                        + "{% if i > 3 %}{% break %}{% endif %}{% if i is odd %}{{ i }}{% endif %}{% endfor %}")
                        .render(Map.of()));
        List<Map<String, Object>> msgs =
                List.of(
                        Map.of("role", "system", "content", "S"),
                        Map.of("role", "user", "content", "U"));
        assertEquals(
                "U;S",
                Jinja.parse(
                                "{{ messages | selectattr('role', 'equalto', 'user') | map(attribute='content') | join }};"
                                        + "{{ messages | rejectattr('role', 'eq', 'user') | map(attribute='content') | first }}")
                        .render(Map.of("messages", msgs)));
        assertEquals(
                "{\n  \"a\": [\n    1,\n    2.5\n  ]\n}",
                Jinja.parse("{{ x | tojson(indent=2) }}")
                        .render(Map.of("x", Map.of("a", List.of(1L, 2.5)))));
        // keep_trailing_newline=False drops exactly one final newline; generation renders its body.
        assertEquals(
                "xa|b\n",
                Jinja.parse("x{% generation %}a{% endgeneration %}|{{ 'b' }}\n\n")
                        .render(Map.of()));
        assertEquals(
                "10 Jul 2025",
                Jinja.parse("{{ strftime_now('%d %b %Y') }}")
                        .render(Map.of(), java.time.Instant.parse("2025-07-10T00:00:00Z")));
    }

    @Test
    void stringTemplatesAndRaw() {
        PromptTemplate t = PromptTemplate.parse("### Question: {prompt}\\n ### Answer: ", null);
        assertEquals("### Question: Why?\n ### Answer: ", t.render("Why?"));
        assertTrue(t.addSpecialTokens());
        assertEquals("x", PromptTemplate.parse("raw", null).render("x"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("chat", null));
        assertThrows(
                IllegalArgumentException.class, () -> PromptTemplate.parse("no placeholder", null));
    }
}

package org.heirloom.model.template;

import java.util.List;
import java.util.Map;
import org.heirloom.model.LocalModel;

/**
 * Turns a user prompt into model input text. Three kinds: {@code raw} (the prompt as is, the
 * tokenizer adds its own special tokens), a template string containing {@code {prompt}} (escapes
 * {@code \n}, {@code \t}, {@code \\} are read), and {@code chat}: the model's chat template from
 * tokenizer_config.json, rendered with one user message and the generation prompt. Rendered chat
 * text already spells its special tokens, so it is encoded without adding more.
 */
public interface PromptTemplate {

    /** The text fed to the tokenizer. */
    String render(String prompt);

    /** Whether the tokenizer's post-processor should add its special tokens (BOS...). */
    boolean addSpecialTokens();

    /** How the user wrote it (for provenance). */
    String spec();

    /** The prompt verbatim. */
    PromptTemplate RAW =
            new PromptTemplate() {
                @Override
                public String render(String prompt) {
                    return prompt;
                }

                @Override
                public boolean addSpecialTokens() {
                    return true;
                }

                @Override
                public String spec() {
                    return "raw";
                }
            };

    /**
     * Parses {@code raw}, {@code chat}, or a string with {@code {prompt}}.
     *
     * @param model supplies the chat template (may be null when {@code spec} is not {@code chat})
     */
    static PromptTemplate parse(String spec, LocalModel model) {
        if (spec == null || spec.equals("raw")) {
            return RAW;
        }
        if (spec.equals("chat")) {
            if (model == null || model.chatTemplate().isEmpty()) {
                throw new IllegalArgumentException(
                        "template 'chat': the model has no chat_template in tokenizer_config.json");
            }
            return new ChatTemplate(model.chatTemplate().get(), model.specialTokens());
        }
        if (spec.contains("{prompt}")) {
            return new StringTemplate(spec);
        }
        throw new IllegalArgumentException(
                "template '" + spec + "' is not 'raw', 'chat', or a string containing {prompt}");
    }

    /** A {@code {prompt}} template string. */
    record StringTemplate(String spec) implements PromptTemplate {
        @Override
        public String render(String prompt) {
            return unescape(spec).replace("{prompt}", prompt);
        }

        @Override
        public boolean addSpecialTokens() {
            return true;
        }

        static String unescape(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(i + 1);
                    if (n == 'n' || n == 't' || n == '\\') {
                        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : '\\');
                        i++;
                        continue;
                    }
                }
                b.append(c);
            }
            return b.toString();
        }
    }

    /** A Jinja chat template with one user turn and {@code add_generation_prompt}. */
    final class ChatTemplate implements PromptTemplate {
        private final Jinja.Template template;
        private final Map<String, String> special;

        public ChatTemplate(String source, Map<String, String> special) {
            this.template = Jinja.parse(source);
            this.special = special;
        }

        @Override
        public String render(String prompt) {
            return renderMessages(List.of(Map.of("role", "user", "content", prompt)));
        }

        /** Renders a conversation (each message a map with role and content). */
        public String renderMessages(List<Map<String, String>> messages) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("messages", List.copyOf(messages));
            vars.put("add_generation_prompt", true);
            vars.put("bos_token", special.getOrDefault("bos_token", ""));
            vars.put("eos_token", special.getOrDefault("eos_token", ""));
            vars.put("unk_token", special.getOrDefault("unk_token", ""));
            vars.put("pad_token", special.getOrDefault("pad_token", ""));
            return template.render(vars);
        }

        @Override
        public boolean addSpecialTokens() {
            return false;
        }

        @Override
        public String spec() {
            return "chat";
        }
    }
}

package org.heirloom.model.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.model.LocalModel;
import org.heirloom.teacher.ReasoningSplit;
import org.heirloom.teacher.TemplateOptions;

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
        return parse(spec, model, TemplateOptions.NONE);
    }

    /**
     * As {@link #parse(String, LocalModel)}, with a system prompt and template kwargs, which only a
     * {@code chat} template can take.
     */
    static PromptTemplate parse(String spec, LocalModel model, TemplateOptions options) {
        boolean chat = "chat".equals(spec);
        if (!chat && options != null && !options.isEmpty()) {
            throw new IllegalArgumentException(
                    "a system prompt and template kwargs need template 'chat', not '"
                            + (spec == null ? "raw" : spec)
                            + "'");
        }
        if (spec == null || spec.equals("raw")) {
            return RAW;
        }
        if (chat) {
            if (model == null || model.chatTemplate().isEmpty()) {
                throw new IllegalArgumentException(
                        "template 'chat': the model has no chat template (chat_template in"
                                + " tokenizer_config.json, or chat_template.jinja)");
            }
            return new ChatTemplate(
                    model.chatTemplate().get(),
                    model.chatTemplateOrigin(),
                    model.specialTokens(),
                    options == null ? TemplateOptions.NONE : options);
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

    /**
     * A Jinja chat template: one user turn (after the system prompt, when one is set) and {@code
     * add_generation_prompt}. Variables are what transformers passes: the tokenizer's special
     * tokens, then the template kwargs over them.
     */
    final class ChatTemplate implements PromptTemplate {
        private final Jinja.Template template;
        private final String source;
        private final Map<String, String> special;
        private final TemplateOptions options;

        public ChatTemplate(String source, Map<String, String> special) {
            this(source, "chat template", special, TemplateOptions.NONE);
        }

        public ChatTemplate(String source, String origin, Map<String, String> special) {
            this(source, origin, special, TemplateOptions.NONE);
        }

        /** {@code origin} names the template's file for error messages. */
        public ChatTemplate(
                String source,
                String origin,
                Map<String, String> special,
                TemplateOptions options) {
            this.template = Jinja.parse(source, origin);
            this.source = source;
            this.special = special;
            this.options = options;
        }

        @Override
        public String render(String prompt) {
            return renderMessages(List.of(Map.of("role", "user", "content", prompt)), true);
        }

        /** Renders a conversation with the generation prompt. */
        public String renderMessages(List<Map<String, String>> messages) {
            return renderMessages(messages, true);
        }

        /**
         * Renders a conversation (each message a map with role and content); the system prompt,
         * when set and the conversation has none, goes first.
         */
        public String renderMessages(
                List<Map<String, String>> messages, boolean addGenerationPrompt) {
            List<Map<String, String>> msgs = new ArrayList<>();
            boolean hasSystem = !messages.isEmpty() && "system".equals(messages.get(0).get("role"));
            if (options.system() != null && !options.system().isEmpty() && !hasSystem) {
                msgs.add(Map.of("role", "system", "content", options.system()));
            }
            msgs.addAll(messages);
            Map<String, Object> vars = new HashMap<>();
            for (String k : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
                vars.put(k, special.getOrDefault(k, ""));
            }
            vars.putAll(options.kwargs());
            vars.put("messages", List.copyOf(msgs));
            vars.put("add_generation_prompt", addGenerationPrompt);
            return template.render(vars);
        }

        public TemplateOptions options() {
            return options;
        }

        /**
         * Whether this is a reasoning model's template (its outputs are split, see ReasoningSplit).
         */
        public boolean reasons() {
            return ReasoningSplit.templateReasons(source);
        }

        @Override
        public boolean addSpecialTokens() {
            return false;
        }

        @Override
        public String spec() {
            return options.isEmpty() ? "chat" : "chat " + options.describe();
        }
    }
}

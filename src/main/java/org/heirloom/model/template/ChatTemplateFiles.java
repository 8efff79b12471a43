package org.heirloom.model.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer directory's chat template and special tokens, found where transformers looks: a
 * {@code chat_template.jinja} file wins over {@code chat_template} in {@code
 * tokenizer_config.json}, which is a string or a list of named templates (the one named {@code
 * default} is used). {@code origin} names the file (and field) for template error messages.
 *
 * @param template the template source, or null when the directory has none
 */
public record ChatTemplateFiles(String template, String origin, Map<String, String> specialTokens) {

    public static final String JINJA_FILE = "chat_template.jinja";
    public static final String CONFIG_FILE = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ChatTemplateFiles read(Path dir) throws IOException {
        String template = null;
        String origin = null;
        Map<String, String> special = new LinkedHashMap<>();
        Path config = dir.resolve(CONFIG_FILE);
        if (Files.isRegularFile(config)) {
            JsonNode n;
            try {
                n = JSON.readTree(config.toFile());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        config
                                + ": not valid JSON (line "
                                + e.getLocation().getLineNr()
                                + ", column "
                                + e.getLocation().getColumnNr()
                                + ")");
            }
            template = fromConfig(n.get("chat_template"));
            if (template != null) {
                origin = config + " (chat_template)";
            }
            for (String k : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
                JsonNode v = n.get(k);
                if (v != null && v.isTextual()) {
                    special.put(k, v.asText());
                } else if (v != null && v.path("content").isTextual()) {
                    special.put(k, v.get("content").asText());
                }
            }
        }
        Path jinja = dir.resolve(JINJA_FILE);
        if (Files.isRegularFile(jinja)) {
            template = Files.readString(jinja, StandardCharsets.UTF_8);
            origin = jinja.toString();
        }
        return new ChatTemplateFiles(template, origin, Map.copyOf(special));
    }

    /** A string, or the template named "default" in a list of named ones. */
    private static String fromConfig(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            for (JsonNode t : n) {
                if ("default".equals(t.path("name").asText())) {
                    return t.path("template").asText();
                }
            }
        }
        return null;
    }
}

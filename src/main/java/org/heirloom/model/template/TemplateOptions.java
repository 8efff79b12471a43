package org.heirloom.model.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chat template is rendered with besides the conversation: a system prompt (sent as a first
 * {@code system} message) and template keyword arguments such as {@code enable_thinking: false},
 * which transformers passes to {@code apply_chat_template} as extra template variables. Both change
 * what a model writes, so they are part of a teacher's identity and a profile's config.
 *
 * @param system the system prompt, or null for none
 * @param kwargs template variables (strings, numbers, booleans), applied over the special tokens
 */
public record TemplateOptions(String system, Map<String, Object> kwargs) {

    public static final TemplateOptions NONE = new TemplateOptions(null, Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public TemplateOptions {
        kwargs = Map.copyOf(new TreeMap<>(kwargs));
        for (String k : kwargs.keySet()) {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "template kwarg '" + k + "' is not a valid template variable name");
            }
            if (k.equals("messages")) {
                throw new IllegalArgumentException(
                        "template kwarg 'messages' is reserved (the conversation itself)");
            }
        }
    }

    public boolean isEmpty() {
        return (system == null || system.isEmpty()) && kwargs.isEmpty();
    }

    public TemplateOptions withSystem(String s) {
        return new TemplateOptions(s, kwargs);
    }

    public TemplateOptions withKwarg(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(kwargs);
        m.put(name, value);
        return new TemplateOptions(system, m);
    }

    /**
     * A kwarg value as written in a spec or recipe: {@code true}/{@code false}, a number, or JSON
     * {@code null} are read as such; anything else is a string.
     */
    public static Object value(String text) {
        String t = text.strip();
        if (t.equals("true") || t.equals("True")) {
            return true;
        }
        if (t.equals("false") || t.equals("False")) {
            return false;
        }
        if (t.equals("null") || t.equals("None")) {
            return null;
        }
        if (t.matches("-?\\d{1,18}")) {
            return Long.parseLong(t);
        }
        if (t.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.parseDouble(t);
        }
        return text;
    }

    /** Canonical JSON (sorted keys), for provenance, identities and configs. */
    public String describe() {
        ObjectNode o = JSON.createObjectNode();
        if (system != null && !system.isEmpty()) {
            o.put("system", system);
        }
        if (!kwargs.isEmpty()) {
            o.set("kwargs", JSON.valueToTree(new TreeMap<>(kwargs)));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.heirloom.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
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
        kwargs = java.util.Collections.unmodifiableMap(new TreeMap<>(kwargs));
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

    /**
     * Options from a command line: {@code --system TEXT} and repeated {@code --template-kwarg
     * NAME=VALUE} (either may be null).
     */
    public static TemplateOptions fromCommandLine(String system, List<String> kwargs) {
        TemplateOptions t = NONE;
        if (system != null) {
            t = t.withSystem(system);
        }
        for (String kv : kwargs == null ? List.<String>of() : kwargs) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--template-kwarg '" + kv + "' is not NAME=VALUE");
            }
            t = t.withKwarg(kv.substring(0, eq).strip(), value(kv.substring(eq + 1)));
        }
        return t;
    }

    /** The spec option for the system prompt: {@code system=TEXT}. */
    public static final String SYSTEM_OPTION = "system";

    /** The spec option prefix for template kwargs: {@code kwarg.NAME=VALUE}. */
    public static final String KWARG_PREFIX = "kwarg.";

    /**
     * Applies one teacher spec option; null when {@code key} is not a template option. Values are
     * percent-decoded ({@code %3B} is ';', {@code %25} is '%') so a system prompt can hold the
     * spec's separator.
     */
    public TemplateOptions withSpecOption(String key, String value) {
        if (key.equals(SYSTEM_OPTION)) {
            return withSystem(decode(value));
        }
        if (key.startsWith(KWARG_PREFIX) && key.length() > KWARG_PREFIX.length()) {
            return withKwarg(key.substring(KWARG_PREFIX.length()), value(decode(value)));
        }
        return null;
    }

    /** These options as spec options ({@code ;system=…;kwarg.NAME=…}), empty when none. */
    public String toSpecOptions() {
        StringBuilder b = new StringBuilder();
        if (system != null && !system.isEmpty()) {
            b.append(';').append(SYSTEM_OPTION).append('=').append(encode(system));
        }
        kwargs.forEach(
                (k, v) ->
                        b.append(';')
                                .append(KWARG_PREFIX)
                                .append(k)
                                .append('=')
                                .append(encode(v instanceof String str ? str : String.valueOf(v))));
        return b.toString();
    }

    static String encode(String s) {
        return s.replace("%", "%25").replace(";", "%3B");
    }

    static String decode(String s) {
        return s.replace("%3B", ";").replace("%3b", ";").replace("%25", "%");
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

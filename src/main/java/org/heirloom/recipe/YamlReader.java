package org.heirloom.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a recipe's YAML tree whose errors name the recipe and the YAML path of the value
 * ({@code students[1].lr: expected a number}).
 */
final class YamlReader {

    private final String source;

    YamlReader(String source) {
        this.source = source;
    }

    IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException(source + ": " + path + ": " + problem);
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Unknown keys are errors, so that a typo never silently falls back to a default. */
    void keys(JsonNode n, String path, String... allowed) {
        keys(n, path, List.of(allowed));
    }

    void keys(JsonNode n, String path, List<String> ok) {
        n.fieldNames()
                .forEachRemaining(
                        k -> {
                            if (k.equals("<<")) {
                                throw error(
                                        path(path, k),
                                        "YAML merge keys are not supported; share settings"
                                                + " through student_defaults");
                            }
                            if (!ok.contains(k)) {
                                throw error(
                                        path(path, k),
                                        "unknown key (allowed here: "
                                                + String.join(", ", ok)
                                                + ")");
                            }
                        });
    }

    JsonNode required(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw error(path(path, key), "missing");
        }
        return v;
    }

    void object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw error(path, "expected a mapping (key: value lines)");
        }
    }

    void list(JsonNode n, String path) {
        if (!n.isArray()) {
            throw error(path, "expected a list (lines starting with '- ')");
        }
    }

    String string(JsonNode n, String key, String path, boolean required) {
        return text(n.get(key), path(path, key), required);
    }

    String text(JsonNode v, String p, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                throw error(p, "missing");
            }
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw error(p, "expected text");
        }
        String s = v.asText().strip();
        if (required && s.isEmpty()) {
            throw error(p, "is empty");
        }
        return s;
    }

    /** A list of non-empty strings; a single string counts as a list of one. */
    List<String> strings(JsonNode v, String p) {
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(text(v, p, true));
            return out;
        }
        list(v, p);
        if (v.isEmpty()) {
            throw error(p, "is empty");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(text(v.get(i), p + "[" + i + "]", true));
        }
        return out;
    }

    int integer(JsonNode n, String key, String path, int min) {
        return integer(n.get(key), path(path, key), min);
    }

    int integer(JsonNode v, String p, int min) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(p, "expected a whole number");
        }
        if (v.asInt() < min) {
            throw error(p, "must be >= " + min + ", got " + v.asInt());
        }
        return v.asInt();
    }

    long longValue(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(path(path, key), "expected a whole number");
        }
        return v.asLong();
    }

    double number(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        // YAML reads 5e-5 (no dot) as text; accept it as the number it is meant to be.
        if (v != null && v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().strip());
            } catch (NumberFormatException e) {
                throw error(path(path, key), "expected a number, got '" + v.asText() + "'");
            }
        }
        if (v == null || !v.isNumber()) {
            throw error(path(path, key), "expected a number");
        }
        return v.asDouble();
    }

    boolean bool(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.isBoolean()) {
            throw error(path(path, key), "expected true or false");
        }
        return v.asBoolean();
    }
}

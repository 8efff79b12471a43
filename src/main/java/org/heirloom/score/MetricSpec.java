package org.heirloom.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric as written by a user: {@code mtld} or {@code mattr(window=50)} or {@code
 * toxicity(backend=onnx,model=/m)}. Parameter values run to the next top-level comma or the closing
 * parenthesis; values containing commas or parentheses can be quoted with {@code "..."}.
 *
 * @param text the spec as written, trimmed (used as the output field name)
 * @param name the metric name
 * @param params parameters in written order
 */
public record MetricSpec(String text, String name, Map<String, String> params) {

    public MetricSpec {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses one spec; errors name the column (1-based). */
    public static MetricSpec parse(String spec) {
        String s = spec.trim();
        int open = s.indexOf('(');
        if (open < 0) {
            checkName(s, spec);
            return new MetricSpec(s, s, Map.of());
        }
        String name = s.substring(0, open).trim();
        checkName(name, spec);
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException(
                    "metric '" + spec + "': missing ')' at column " + (s.length() + 1));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String body = s.substring(open + 1, s.length() - 1);
        for (String part : splitTopLevel(body, ',')) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "metric '" + spec + "': parameter '" + p + "' is not key=value");
            }
            String key = p.substring(0, eq).trim();
            String value = unquote(p.substring(eq + 1).trim());
            if (params.put(key, value) != null) {
                throw new IllegalArgumentException(
                        "metric '" + spec + "': parameter '" + key + "' given twice");
            }
        }
        return new MetricSpec(s, name, params);
    }

    /** Splits a comma-separated list of specs, respecting parentheses and quotes. */
    public static List<MetricSpec> parseList(String specs) {
        List<MetricSpec> out = new ArrayList<>();
        for (String part : splitTopLevel(specs, ',')) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    static List<String> splitTopLevel(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == sep) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in '" + s + "'");
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced parentheses in '" + s + "'");
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static void checkName(String name, String spec) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty metric name in '" + spec + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || c == '-' || Character.isLetterOrDigit(c))) {
                throw new IllegalArgumentException(
                        "metric '"
                                + spec
                                + "': unexpected '"
                                + c
                                + "' at column "
                                + (spec.indexOf(c) + 1));
            }
        }
    }
}

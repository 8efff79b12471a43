package org.heirloom.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON exactly as Python's {@code json.dumps(x, ensure_ascii=False, indent=…)} writes it, which is
 * what transformers' {@code tojson} filter produces: {@code ", "}/{@code ": "} separators, or
 * {@code ","} and newlines with an indent; non-ASCII text kept as is.
 */
final class TemplateJson {

    private TemplateJson() {}

    static String dumps(Object v, Object indent, boolean sortKeys) {
        return dumps(v, indent, sortKeys, null);
    }

    /** {@code separators}: Python's (item, key) pair, or null for the defaults. */
    static String dumps(Object v, Object indent, boolean sortKeys, List<?> separators) {
        String pad = null;
        if (indent instanceof String s) {
            pad = s;
        } else if (indent instanceof Number n) {
            pad = " ".repeat((int) Math.max(0, n.longValue()));
        }
        Seps seps =
                separators != null && separators.size() == 2
                        ? new Seps(
                                JinjaValues.str(separators.get(0)),
                                JinjaValues.str(separators.get(1)))
                        : new Seps(pad == null ? ", " : ",", ": ");
        StringBuilder b = new StringBuilder();
        write(b, v, pad, 0, sortKeys, seps);
        return b.toString();
    }

    private record Seps(String item, String key) {}

    private static void newline(StringBuilder b, String pad, int level) {
        b.append('\n');
        for (int i = 0; i < level; i++) {
            b.append(pad);
        }
    }

    private static void write(
            StringBuilder b, Object v, String pad, int level, boolean sortKeys, Seps seps) {
        if (v == null || v == Jinja.UNDEFINED) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean x) {
            b.append(x ? "true" : "false");
        } else if (v instanceof Double d) {
            b.append(
                    d.isNaN()
                            ? "NaN"
                            : d.isInfinite()
                                    ? (d > 0 ? "Infinity" : "-Infinity")
                                    : JinjaValues.pyFloat(d));
        } else if (v instanceof Number n) {
            b.append(n.longValue());
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(seps.item());
                }
                if (pad != null) {
                    newline(b, pad, level + 1);
                }
                write(b, l.get(i), pad, level + 1, sortKeys, seps);
            }
            if (pad != null) {
                newline(b, pad, level);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> m0) {
            if (m0.isEmpty()) {
                b.append("{}");
                return;
            }
            Map<?, ?> m = sortKeys ? new TreeMap<>(m0) : m0;
            b.append('{');
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    b.append(seps.item());
                }
                if (pad != null) {
                    newline(b, pad, level + 1);
                }
                string(b, String.valueOf(entries.get(i).getKey()));
                b.append(seps.key());
                write(b, entries.get(i).getValue(), pad, level + 1, sortKeys, seps);
            }
            if (pad != null) {
                newline(b, pad, level);
            }
            b.append('}');
        } else {
            throw JinjaRuntime.error(
                    "tojson: " + JinjaValues.describe(v) + " is not JSON serializable");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

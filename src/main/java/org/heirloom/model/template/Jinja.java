package org.heirloom.model.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our own interpreter for the Jinja2 subset Hugging Face chat templates use, rendering as
 * transformers' {@code apply_chat_template} does: {@code trim_blocks} and {@code lstrip_blocks} on,
 * the final newline dropped, undefined names render as empty, {@code tojson} without HTML escaping,
 * plus {@code raise_exception} and {@code strftime_now}.
 *
 * <p>Supported: text, {@code {{ }}}, {@code {# #}}, {@code raw}; statements {@code if/elif/else},
 * {@code for} (tuple targets, {@code if} filter, {@code else}, {@code loop.*} incl. {@code cycle}),
 * {@code break}, {@code continue}, {@code set} (names, tuples, {@code ns.attr}, and {@code set …
 * endset} blocks with filters), {@code macro} (defaults, {@code varargs}, {@code kwargs}, {@code
 * caller}), {@code call} blocks, {@code filter} blocks, {@code with}, {@code do}, {@code
 * generation} (renders its body); Jinja2's expression grammar and precedence; the builtin filters,
 * tests and globals listed in docs/templates.md. {@code include}, {@code import}, {@code extends}
 * and recursive loops are rejected. Templates cannot reach Java objects: values are strings,
 * numbers, booleans, none, lists, maps and template-defined functions only. Errors name the
 * template's origin, line and column.
 */
public final class Jinja {

    private Jinja() {}

    /** A parsed template. */
    public interface Template {
        /** Renders at the current time ({@code strftime_now}). */
        default String render(Map<String, Object> variables) {
            return render(variables, java.time.Instant.now());
        }

        /** Renders with {@code strftime_now} reading {@code now} (reproducible renderings). */
        String render(Map<String, Object> variables, java.time.Instant now);
    }

    /** The value of a name that is not defined. */
    public static final Object UNDEFINED =
            new Object() {
                @Override
                public String toString() {
                    return "";
                }
            };

    /** A template that cannot be parsed or rendered; the message names origin, line and column. */
    public static final class TemplateException extends IllegalArgumentException {
        TemplateException(String message) {
            super(message);
        }
    }

    /** Template text and where it came from, for error messages. */
    record Source(String text, String origin) {
        TemplateException error(int pos, String message) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new TemplateException(origin + ":" + line + ":" + col + ": " + message);
        }
    }

    public static Template parse(String source) {
        return parse(source, "chat template");
    }

    /**
     * Parses {@code source}; {@code origin} (a file name, or the file and field) prefixes every
     * error message.
     */
    public static Template parse(String source, String origin) {
        // Jinja2 turns every newline sequence of the template into "\n".
        Source src = new Source(source.replace("\r\n", "\n").replace('\r', '\n'), origin);
        List<JinjaParser.Node> body = new JinjaParser(src, new JinjaLexer(src).lex()).parse();
        return (vars, now) -> JinjaRuntime.render(src, body, vars, now);
    }

    /** Plain template values (maps, lists, strings, longs, doubles, booleans, null) from JSON. */
    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), fromJson(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(fromJson(e)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    /** Python's rstrip(): trailing whitespace. */
    static String rstrip(String s) {
        return JinjaBuiltins.pyStrip(s, null, false, true);
    }
}

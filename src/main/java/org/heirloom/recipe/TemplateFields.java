package org.heirloom.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import org.heirloom.teacher.TemplateOptions;

/** The {@code system} and {@code template_kwargs} fields of a recipe's teacher or profile. */
final class TemplateFields {

    private TemplateFields() {}

    static TemplateOptions read(YamlReader y, JsonNode n, String p) {
        TemplateOptions o = TemplateOptions.NONE;
        if (n.has("system")) {
            o = o.withSystem(y.string(n, "system", p, true));
        }
        JsonNode kw = n.get("template_kwargs");
        if (kw != null) {
            if (!kw.isObject()) {
                throw y.error(p + ".template_kwargs", "must be a mapping of names to values");
            }
            for (var it = kw.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                String at = p + ".template_kwargs." + e.getKey();
                if (!v.isValueNode()) {
                    throw y.error(at, "must be a string, number, boolean or null");
                }
                Object value =
                        v.isNull()
                                ? null
                                : v.isTextual() ? v.asText() : TemplateOptions.value(v.asText());
                try {
                    o = o.withKwarg(e.getKey(), value);
                } catch (IllegalArgumentException ex) {
                    throw y.error(at, ex.getMessage());
                }
            }
        }
        return o;
    }
}

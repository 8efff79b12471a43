package org.heirloom.ui.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.heirloom.recipe.RecipeSchema.Type;

/**
 * How form text maps onto the recipe's YAML tree: a field is a dotted path with a {@link Type} that
 * says how its text becomes YAML. Text the field cannot turn into its kind is written as text, so
 * that the recipe parser reports it at its path instead of the form hiding it.
 */
final class FormText {

    private FormText() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    /** The field's text as shown in the form; "" when absent. */
    static String get(JsonNode node, String dotted, Type kind) {
        JsonNode v = node;
        for (String k : dotted.split("\\.")) {
            v = v == null || !v.isObject() ? null : v.get(k);
        }
        if (v == null || v.isNull()) {
            return "";
        }
        return switch (kind) {
            case LIST -> v.isArray() ? join(v, ", ") : v.asText();
            case ARMS -> {
                if (!v.isObject()) {
                    yield v.asText();
                }
                List<String> arms = new ArrayList<>();
                v.fields()
                        .forEachRemaining(
                                e ->
                                        arms.add(
                                                e.getKey()
                                                        + "="
                                                        + (e.getValue().isArray()
                                                                ? join(e.getValue(), "+")
                                                                : e.getValue().asText())));
                yield String.join("; ", arms);
            }
            default -> v.isValueNode() ? v.asText() : v.toString();
        };
    }

    private static String join(JsonNode array, String sep) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return String.join(sep, out);
    }

    /** Writes the field's text; blank text removes the key (and mappings left empty by it). */
    static void set(ObjectNode node, String dotted, Type kind, String text) {
        String[] keys = dotted.split("\\.");
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            remove(node, keys, 0);
            return;
        }
        ObjectNode parent = node;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = parent.get(keys[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(keys[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(keys[keys.length - 1], value(kind, t));
    }

    private static boolean remove(ObjectNode node, String[] keys, int i) {
        if (i == keys.length - 1) {
            node.remove(keys[i]);
        } else if (node.get(keys[i]) instanceof ObjectNode child && remove(child, keys, i + 1)) {
            node.remove(keys[i]);
        }
        return node.isEmpty();
    }

    static JsonNode value(Type kind, String t) {
        return switch (kind) {
            case TEXT -> TextNode.valueOf(t);
            case INT ->
                    INTEGER.matcher(t).matches() ? LongNode.valueOf(Long.parseLong(t)) : text(t);
            case NUMBER -> {
                if (INTEGER.matcher(t).matches()) {
                    yield LongNode.valueOf(Long.parseLong(t));
                }
                try {
                    double d = Double.parseDouble(t);
                    yield Double.isFinite(d) ? DoubleNode.valueOf(d) : text(t);
                } catch (NumberFormatException e) {
                    yield text(t);
                }
            }
            case LIST -> {
                ArrayNode a = F.arrayNode();
                for (String part : t.split(",")) {
                    if (!part.isBlank()) {
                        a.add(part.strip());
                    }
                }
                yield a;
            }
            case ARMS -> {
                ObjectNode arms = F.objectNode();
                for (String arm : t.split(";")) {
                    if (arm.isBlank()) {
                        continue;
                    }
                    int eq = arm.indexOf('=');
                    String label = (eq < 0 ? arm : arm.substring(0, eq)).strip();
                    ArrayNode models = F.arrayNode();
                    if (eq >= 0) {
                        for (String m : arm.substring(eq + 1).split("\\+")) {
                            if (!m.isBlank()) {
                                models.add(m.strip());
                            }
                        }
                    }
                    arms.set(label, models.isEmpty() ? TextNode.valueOf("") : models);
                }
                yield arms;
            }
        };
    }

    private static JsonNode text(String t) {
        return TextNode.valueOf(t);
    }

    /** The names in a YAML list of text, in order; empty when absent or not a list. */
    static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
                JsonNode n = it.next();
                if (n.isValueNode()) {
                    out.add(n.asText());
                }
            }
        }
        return out;
    }
}

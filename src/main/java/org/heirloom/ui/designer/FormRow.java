package org.heirloom.ui.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.heirloom.recipe.RecipeSchema.Field;

/**
 * One entry of a list section (a teacher, a selection, a student ...): its own mapping, so that
 * keys the form does not show survive edits, and a text property per field.
 */
final class FormRow {
    private final ObjectNode node;
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final List<Field> fields;
    private final StringProperty error = new SimpleStringProperty("");

    FormRow(JsonNode source, List<Field> fields) {
        // A teacher may be a bare spec string: the form edits it as {spec: ...}.
        this.node =
                source instanceof ObjectNode o
                        ? o.deepCopy()
                        : source != null && source.isTextual()
                                ? JsonNodeFactory.instance.objectNode().put("spec", source.asText())
                                : JsonNodeFactory.instance.objectNode();
        this.fields = List.copyOf(fields);
        for (Field f : fields) {
            values.put(f.key(), new SimpleStringProperty(FormText.get(node, f.key(), f.type())));
        }
    }

    StringProperty value(String key) {
        StringProperty p = values.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no field '" + key + "' in this row");
        }
        return p;
    }

    List<Field> fields() {
        return fields;
    }

    /** The problem the last check found in this entry; "" when none. */
    StringProperty error() {
        return error;
    }

    /** The entry's mapping with the form's values written in. */
    ObjectNode toNode() {
        for (Field f : fields) {
            FormText.set(node, f.key(), f.type(), values.get(f.key()).get());
        }
        return node.deepCopy();
    }
}

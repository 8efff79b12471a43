package org.heirloom.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Reads recipe YAML into an editable tree and writes a tree back as recipe YAML, keeping key order
 * (and so keys an editor does not know). Validation stays with {@link RecipeParser}: this only
 * checks that the text is a YAML mapping.
 */
public final class RecipeYaml {

    private static final ObjectMapper MAPPER =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            // Text that looks like a number stays text when read back.
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                            .enable(
                                    com.fasterxml.jackson.core.StreamReadFeature
                                            .STRICT_DUPLICATE_DETECTION)
                            .build());

    private RecipeYaml() {}

    /** The recipe as a tree; blank text is an empty mapping. */
    public static ObjectNode read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                            + ": not valid YAML ("
                            + e.getOriginalMessage()
                            + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(root instanceof ObjectNode o)) {
            throw new IllegalArgumentException("a recipe is a YAML mapping");
        }
        return o;
    }

    /** The tree as YAML text (block style, minimal quotes). */
    public static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recipe YAML", e);
        }
    }
}

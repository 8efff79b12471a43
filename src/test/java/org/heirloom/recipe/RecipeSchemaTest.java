package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.heirloom.recipe.RecipeSchema.Field;
import org.heirloom.recipe.RecipeSchema.Type;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the schema the designer's form is generated from to the parser: every key in it is one the
 * parser knows (a wrong value there is reported at that very path, not as an unknown key), so the
 * form can never offer a key the recipe format does not have.
 */
class RecipeSchemaTest {

    static final Path EXAMPLE = Path.of("sample-projects/example").toAbsolutePath();

    @TempDir Path dir;

    /** A valid recipe with every section, so that the only problem is the one a probe adds. */
    private String full() {
        return """
                version: 1
                name: probe
                description: every section
                prompts:
                  set: probe-prompts
                  import: %s
                  field: prompt
                  limit: 10
                run:
                  name: probe-run
                  k: 4
                  seed: 1
                  sampling: {temperature: 0.7, top_p: 0.9, top_k: 5, max_new_tokens: 16}
                teachers:
                  - {spec: "import:%s"}
                scorers: [words]
                selections:
                  - {name: longest, strategy: "max:words"}
                  - {name: random-baseline, strategy: random}
                student_defaults:
                  base: base-model
                  replicates: 2
                  lr: 0.001
                  epochs: 1
                  max_steps: 3
                  batch: 1
                  lora: {rank: 4}
                students:
                  - {name: long-student, data: longest}
                  - {name: random-student, data: random-baseline}
                profiles:
                  - {suite: text, models: [long-student, random-student], limit: 3}
                comparisons:
                  - name: longer
                    suites: [text]
                    arms: {random: [random-student], steered: [long-student]}
                    baseline: random
                """
                .formatted(EXAMPLE.resolve("prompts.jsonl"), EXAMPLE.resolve("candidates.jsonl"));
    }

    private Recipe parse(String text) {
        return RecipeParser.parse(text, "probe", TeacherEnvironment.system().withBaseDir(dir));
    }

    /** A value no key of that type accepts. */
    private static JsonNode wrong(Type t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (t) {
            case INT, NUMBER -> TextNode.valueOf("plenty");
            case TEXT, LIST -> f.objectNode().put("not", "this");
            case ARMS -> IntNode.valueOf(5);
        };
    }

    private static void put(ObjectNode root, String dotted, JsonNode value) {
        String[] keys = dotted.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < keys.length - 1; i++) {
            n = n.get(keys[i]) instanceof ObjectNode o ? o : n.putObject(keys[i]);
        }
        n.set(keys[keys.length - 1], value);
    }

    /** Sets a wrong value at {@code path} and returns what the parser says; null if it took it. */
    private RecipeProblem probe(String section, Field f) {
        ObjectNode root = RecipeYaml.read(full());
        ObjectNode at = root;
        String path = f.key();
        if (section != null) {
            at = (ObjectNode) ((ArrayNode) root.get(section)).get(0);
            path = section + "[0]." + f.key();
        }
        put(at, f.key(), wrong(f.type()));
        try {
            parse(RecipeYaml.write(root));
            return null;
        } catch (IllegalArgumentException e) {
            RecipeProblem p = RecipeProblem.of("probe", e.getMessage());
            return p.isAt(path) ? p : new RecipeProblem("elsewhere: " + p.path(), 0, p.message());
        }
    }

    @Test
    void theFullRecipeParses() {
        Recipe r = parse(full());
        assertEquals("probe", r.name());
        assertEquals(2, r.students().size());
    }

    @Test
    void everyKeyOfTheSchemaIsOneTheParserChecksAtItsPath() {
        List<String> wrong = new ArrayList<>();
        int probed = 0;
        for (Field f : RecipeSchema.SCALARS) {
            probed++;
            check(null, f, wrong);
        }
        for (var e : RecipeSchema.SECTIONS.entrySet()) {
            for (Field f : e.getValue()) {
                probed++;
                check(e.getKey(), f, wrong);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(
                RecipeSchema.SCALARS.size()
                        + RecipeSchema.SECTIONS.values().stream().mapToInt(List::size).sum(),
                probed);
    }

    /** Free text the parser keeps without looking at it: any value is taken. */
    private static final Set<String> UNCHECKED = Set.of("description");

    private void check(String section, Field f, List<String> wrong) {
        String where = (section == null ? "" : section + "[0].") + f.key();
        RecipeProblem p = probe(section, f);
        if (UNCHECKED.contains(where)) {
            if (p != null) {
                wrong.add(where + ": free text, yet the parser said " + p);
            }
        } else if (p == null) {
            wrong.add(where + ": a " + f.type() + " key took " + wrong(f.type()));
        } else if (p.path().startsWith("elsewhere") || p.message().startsWith("unknown key")) {
            wrong.add(where + ": " + p);
        }
    }

    @Test
    void uncheckedFreeTextIsStillAKeyTheParserKnows() {
        ObjectNode root = RecipeYaml.read(full());
        root.put("descripton", "typo");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse(RecipeYaml.write(root)));
        assertTrue(e.getMessage().contains("descripton: unknown key"), e.getMessage());
    }

    @Test
    void aKeyOutsideTheRecipeFormatWouldBeCaught() {
        // The probe itself can fail: a key the parser does not know is an unknown key.
        RecipeProblem p = probe(null, new Field("run.temperature", "typo", Type.NUMBER));
        assertEquals("run.temperature", p.path());
        assertTrue(p.message().startsWith("unknown key"), p.message());
    }

    @Test
    void sectionsAreTheRecipesListsInOrder() {
        assertEquals(
                List.of("teachers", "selections", "students", "profiles", "comparisons"),
                List.copyOf(RecipeSchema.SECTIONS.keySet()));
        assertThrows(IllegalArgumentException.class, () -> RecipeSchema.section("exports"));
        assertFalse(RecipeSchema.SCALARS.isEmpty());
    }
}

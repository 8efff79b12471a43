package org.heirloom.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeSchema;
import org.heirloom.recipe.RecipeYaml;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/** The form model on its own: no window, no check, no executor. */
class RecipeFormTest {

    private final List<String> texts = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final RecipeForm form =
            new RecipeForm(MetricRegistry.standard(), texts::add, refused::add);

    @Test
    void theFormIsGeneratedFromTheSchema() {
        for (RecipeSchema.Field f : RecipeSchema.SCALARS) {
            assertEquals("", form.field(f.key()).get(), f.key());
        }
        for (String section : RecipeSchema.SECTIONS.keySet()) {
            FormRow r = form.addRow(section);
            assertEquals(RecipeSchema.section(section), r.fields(), section);
        }
        assertThrows(IllegalArgumentException.class, () -> form.field("run.temprature"));
        assertThrows(IllegalArgumentException.class, () -> form.rows("exports"));
        assertEquals(
                MetricRegistry.standard().list().size(),
                form.scorers().size(),
                "one check box per metric");
    }

    @Test
    void anEditWritesIntoTheTreeAndKeepsKeysTheFormDoesNotShow() {
        form.load("version: 1\nrun:\n  k: 4\nexports:\n  - {type: candidates, out: c.jsonl}\n");
        assertEquals("4", form.field("run.k").get());
        assertEquals(List.of(), texts, "loading is not an edit");

        form.field("run.k").set("2");
        var tree = RecipeYaml.read(texts.get(texts.size() - 1));
        assertEquals(2, tree.at("/run/k").asInt());
        assertTrue(tree.at("/run/k").isIntegralNumber());
        assertEquals("candidates", tree.at("/exports/0/type").asText());
        assertEquals(1, tree.at("/version").asInt());
    }

    @Test
    void textThatIsNotOfTheFieldsKindStaysTextForTheParserToReport() {
        form.load("version: 1\n");
        form.field("run.k").set("four");
        var tree = RecipeYaml.read(texts.get(texts.size() - 1));
        assertTrue(tree.at("/run/k").isTextual());
        assertEquals("four", tree.at("/run/k").asText());
        form.field("run.k").set("");
        assertTrue(
                RecipeYaml.read(texts.get(texts.size() - 1)).path("run").isMissingNode(),
                "a blank field removes its key and the mapping it leaves empty");
    }

    @Test
    void scorersAreWrittenInTheOrderTheyWereTicked() {
        form.load("version: 1\n");
        form.setScorer("mtld", true);
        form.setScorer("words", true);
        assertEquals(
                List.of("mtld", "words"),
                FormText.texts(RecipeYaml.read(texts.get(texts.size() - 1)).get("scorers")));
        form.setScorer("mtld", false);
        form.setScorer("words", false);
        assertFalse(RecipeYaml.read(texts.get(texts.size() - 1)).has("scorers"));
        assertThrows(IllegalArgumentException.class, () -> form.setScorer("nope", true));
    }

    @Test
    void unreadableTextFreezesTheFormAndRefusesEdits() {
        form.load("name: a\n");
        form.load("name: [unclosed\n");
        assertFalse(form.editable().get());
        assertEquals("a", form.field("name").get(), "the form keeps its last readable state");
        form.field("name").set("b");
        assertEquals(List.of(), texts);
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).startsWith("Fix the YAML text first"), refused.get(0));
    }

    @Test
    void aCheckOfTextTheFormWroteDoesNotResetTheForm() {
        form.load("version: 1\n");
        form.field("run.k").set("04");
        String written = texts.get(texts.size() - 1);
        // The check of the form's own text comes back: what the user typed stays as typed.
        form.adopt(RecipeYaml.read(written), written);
        assertEquals("04", form.field("run.k").get());
        // Text typed in the YAML editor does replace the form.
        form.adopt(RecipeYaml.read("run: {k: 7}\n"), "run: {k: 7}\n");
        assertEquals("7", form.field("run.k").get());
        form.adopt(null, "run: [unclosed\n");
        assertFalse(form.editable().get());
    }

    @Test
    void problemsAreShownAtTheirFieldsSectionsAndEntries() {
        form.load("version: 1\nselections:\n  - {name: a}\n  - {name: b}\n");
        form.showProblems(
                List.of(
                        new RecipeProblem("run.k", 0, "must be at least 1"),
                        new RecipeProblem("teachers", 0, "needs at least one"),
                        new RecipeProblem("selections[1].strategy", 0, "unknown strategy")));
        assertEquals("run.k: must be at least 1", form.fieldError("run.k").get());
        assertEquals("", form.fieldError("run.seed").get());
        assertEquals("needs at least one", form.sectionError("teachers").get());
        assertEquals("", form.rows("selections").get(0).error().get());
        assertEquals(
                "selections[1].strategy: unknown strategy",
                form.rows("selections").get(1).error().get());
        form.showProblems(List.of());
        assertEquals("", form.fieldError("run.k").get());
    }
}

package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;

/** Parser and runner messages split into path, line and message for the designer. */
class RecipeProblemTest {

    @Test
    void splitsTheParsersMessages() {
        RecipeProblem p =
                problem(
                        "version: 1\nname: x\nprompts: {set: s}\nrun: {name: r, k: 2}\n"
                                + "teachers: [import:a.jsonl]\n"
                                + "selections:\n  - {name: a, strategy: 'maxx:words'}\n");
        assertEquals("selections[0].strategy", p.path());
        assertEquals(0, p.line());
        assertTrue(p.isAt("selections[0]"));
        assertTrue(p.isAt("selections"));
        assertFalse(p.isAt("selections[1]"));
        assertFalse(p.isAt("selections[0].strat"));

        RecipeProblem syntax = problem("version: 1\nrun: [a,\n");
        assertEquals("", syntax.path());
        assertTrue(syntax.line() > 0);
        assertTrue(syntax.message().startsWith("not valid YAML"), syntax.message());

        RecipeProblem k = problem("version: 1\nname: x\nprompts: {set: s}\nrun: {name: r, k: 0}\n");
        assertEquals(new RecipeProblem("run.k", 0, "must be >= 1, got 0"), k);
        assertEquals("run.k: must be >= 1, got 0", k.toString());
    }

    @Test
    void runnerMessagesHaveNoSourceButAPath() {
        assertEquals(
                new RecipeProblem("prompts.set", 0, "no prompt set named 'x' in p.heirloom"),
                RecipeProblem.of("r.yaml", "prompts.set: no prompt set named 'x' in p.heirloom"));
        assertEquals(
                new RecipeProblem("", 0, "disk full"), RecipeProblem.of("r.yaml", "disk full"));
    }

    private static RecipeProblem problem(String yaml) {
        try {
            RecipeParser.parse(
                    yaml, "r.yaml", TeacherEnvironment.system().withBaseDir(Path.of(".")));
        } catch (IllegalArgumentException e) {
            return RecipeProblem.of("r.yaml", e.getMessage());
        }
        throw new AssertionError("expected a problem in " + yaml);
    }
}

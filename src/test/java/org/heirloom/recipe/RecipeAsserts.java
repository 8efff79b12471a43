package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heirloom.teacher.TeacherEnvironment;

/** Parsing a recipe text against a folder, and checking the start of its error message. */
final class RecipeAsserts {

    private RecipeAsserts() {}

    static Recipe parse(String yaml, Path dir) {
        return RecipeParser.parse(yaml, "r.yaml", TeacherEnvironment.system().withBaseDir(dir));
    }

    static void assertError(String yaml, Path dir, String expected) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse(yaml, dir));
        assertTrue(
                e.getMessage().startsWith(expected),
                "wanted '" + expected + "', got: " + e.getMessage());
    }
}

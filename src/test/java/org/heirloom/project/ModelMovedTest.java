package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local model is the same model when its weights hash matches, wherever its folder now is. */
class ModelMovedTest {

    @TempDir Path dir;

    @Test
    void sameWeightsAtANewFolderAreFoundAndTheRowFollows() {
        try (Project p = Project.create(dir.resolve("p.heirloom"), "p")) {
            ModelRepository models = new ModelRepository(p);
            ModelRecord first =
                    models.register("teacher", "local", "/old/teacher", "h1", null, null);
            ModelRecord again =
                    models.register("teacher", "local", "/new/teacher", "h1", null, null);
            assertEquals(first.id(), again.id());
            assertEquals("/new/teacher", again.location());
            assertEquals("/new/teacher", models.find("teacher").orElseThrow().location());
            assertEquals(1, models.list().size());
        }
    }

    @Test
    void otherWeightsUnderATakenNameAreStillRefused() {
        try (Project p = Project.create(dir.resolve("p.heirloom"), "p")) {
            ModelRepository models = new ModelRepository(p);
            models.register("teacher", "local", "/old/teacher", "h1", null, null);
            ProjectException e =
                    assertThrows(
                            ProjectException.class,
                            () ->
                                    models.register(
                                            "teacher", "local", "/new/teacher", "h2", null, null));
            assertEquals(
                    "a different model is already registered as 'teacher' (/old/teacher)",
                    e.getMessage());
            // An endpoint has no weights to compare: a new URL is a different model.
            models.register("judge", "endpoint", "http://a/v1#m", null, null, null);
            assertThrows(
                    ProjectException.class,
                    () -> models.register("judge", "endpoint", "http://b/v1#m", null, null, null));
        }
    }
}

package org.heirloom.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.ui.designer.RecipeRunModel.StageState;
import org.heirloom.ui.designer.RecipeRunModel.StageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a recipe on its own, with a synchronous executor: stage rows, results, the end line. */
class RecipeRunModelTest {

    static final Path EXAMPLE = Path.of("sample-projects/example").toAbsolutePath();

    @TempDir Path dir;
    private Project project;
    private final List<String> finished = new ArrayList<>();
    private final List<Integer> resultsWhenFinished = new ArrayList<>();
    private RecipeRunModel runs;

    @BeforeEach
    void open() {
        project = Project.create(dir.resolve("p.heirloom"), "p");
        runs =
                new RecipeRunModel(
                        new SynchronousJobExecutor(),
                        project,
                        Runnable::run,
                        state -> {
                            finished.add(state);
                            resultsWhenFinished.add(runs.results().size());
                        });
    }

    @AfterEach
    void close() {
        project.close();
    }

    private String text() {
        return """
                version: 1
                name: small
                prompts: {set: small-prompts, import: %s, field: prompt}
                run: {name: small-run, k: 4, seed: 1}
                teachers: ["import:%s"]
                scorers: [words]
                selections:
                  - {name: longest, strategy: "max:words"}
                """
                .formatted(EXAMPLE.resolve("prompts.jsonl"), EXAMPLE.resolve("candidates.jsonl"));
    }

    private Recipe recipe() {
        return RecipeParser.parse(text(), "r", TeacherEnvironment.system().withBaseDir(dir));
    }

    private StageState state(RecipeStage s) {
        return runs.stages().get(s.ordinal()).state();
    }

    @Test
    void beforeARunEveryStageIsPendingAndThoseTheRecipeLacksAreMarked() {
        assertEquals(RecipeStage.values().length, runs.stages().size());
        assertTrue(runs.stages().stream().allMatch(s -> s.state() == StageState.PENDING));
        assertEquals("Not run yet", runs.runState().get());
        runs.markUnused(recipe());
        assertEquals(StageState.PENDING, state(RecipeStage.SCORING));
        assertEquals(StageState.PENDING, state(RecipeStage.SELECTIONS));
        for (RecipeStage s :
                List.of(RecipeStage.EXPORTS, RecipeStage.STUDENTS, RecipeStage.PROFILES)) {
            StageStatus row = runs.stages().get(s.ordinal());
            assertEquals(StageState.SKIPPED, row.state(), s.label());
            assertEquals("not in recipe", row.detail());
        }
    }

    @Test
    void aRunMarksEachStageAndShowsItsResultsBeforeSayingFinished() {
        assertTrue(runs.run(recipe(), text(), dir));
        assertEquals(List.of("Finished 'small'"), finished);
        assertEquals(List.of(1), resultsWhenFinished, "results are in place when it says so");
        assertTrue(
                runs.results().get(0).startsWith("longest (max:words): "), runs.results().get(0));
        assertEquals(StageState.DONE, state(RecipeStage.GENERATION));
        assertEquals(StageState.DONE, state(RecipeStage.SELECTIONS));
        assertEquals(StageState.SKIPPED, state(RecipeStage.COMPARISONS));
        assertEquals(1.0, runs.stageProgress().get());
        assertEquals("Run", runs.runLabel().get());
        assertTrue(!runs.running().get());
        assertTrue(runs.log().size() >= 4, runs.log().toString());
    }

    @Test
    void aReadOnlyProjectSaysWhyItCannotRun() throws Exception {
        Path file = project.file();
        project.close();
        project = Project.open(file, Project.Mode.READ_ONLY);
        RecipeRunModel ro =
                new RecipeRunModel(new SynchronousJobExecutor(), project, Runnable::run, s -> {});
        assertTrue(ro.runState().get().startsWith("Read-only project"), ro.runState().get());
    }
}

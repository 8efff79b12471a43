package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.Project;
import org.heirloom.project.RunRepository;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner walks eight stages of one shape: each plans what is missing, runs it, and resumes. The
 * example recipe has 6 prompts, one imported teacher with k = 4 (24 candidates), two scorers, three
 * selections and three exports, and no students, profiles or comparisons.
 */
class RecipeStageWalkTest {

    @TempDir Path dir;

    /**
     * Thrown from the stage-start callback to stop a walk just before a stage (an interruption).
     */
    private static final class Stop extends RuntimeException {}

    private Path copyExample() throws IOException {
        Path src = Path.of("sample-projects");
        Files.createDirectories(dir.resolve("example"));
        Files.copy(src.resolve("example-recipe.yaml"), dir.resolve("example-recipe.yaml"));
        for (String f : List.of("prompts.jsonl", "candidates.jsonl")) {
            Files.copy(src.resolve("example").resolve(f), dir.resolve("example").resolve(f));
        }
        return dir.resolve("example-recipe.yaml");
    }

    private static void walkUntil(
            RecipeRunner runner, Recipe recipe, String yaml, RecipeStage stopAt) {
        assertThrows(
                Stop.class,
                () ->
                        runner.run(
                                recipe,
                                yaml,
                                JobContext.none(),
                                line -> {},
                                stage -> {
                                    if (stage == stopAt) {
                                        throw new Stop();
                                    }
                                }));
    }

    @Test
    void planRunResumeAndASecondWalkPlansNothing() throws Exception {
        Path recipeFile = copyExample();
        String yaml = Files.readString(recipeFile);
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(dir);
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);
        try (Project p = Project.create(dir.resolve("ex.heirloom"), "ex")) {
            RecipeRunner runner = new RecipeRunner(p, env, TestMetrics.RESOLVER, null);

            // Nothing done: every stage the recipe uses has work; planning changed nothing.
            Map<RecipeStage, List<String>> fresh = runner.plan(recipe);
            assertEquals(List.of(RecipeStage.values()), new ArrayList<>(fresh.keySet()));
            assertEquals(
                    List.of("import example/prompts.jsonl into set 'example-prompts'"),
                    fresh.get(RecipeStage.PROMPTS));
            assertEquals(
                    List.of("run 'example-run': to be generated"),
                    fresh.get(RecipeStage.GENERATION));
            assertEquals(
                    List.of(
                            "words: every candidate of run 'example-run' to score",
                            "mtld: every candidate of run 'example-run' to score"),
                    fresh.get(RecipeStage.SCORING));
            assertEquals(3, fresh.get(RecipeStage.SELECTIONS).size());
            assertEquals(3, fresh.get(RecipeStage.EXPORTS).size());
            for (RecipeStage s : List.of(RecipeStage.STUDENTS, RecipeStage.PROFILES)) {
                assertEquals(List.of(), fresh.get(s), s.label());
            }
            assertEquals(List.of(), fresh.get(RecipeStage.COMPARISONS));
            assertEquals(fresh, runner.plan(recipe));
            assertTrue(new RunRepository(p).find("example-run").isEmpty());

            // Interrupted before generation: prompts done, 6 prompts × 1 teacher × k 4 to go.
            walkUntil(runner, recipe, yaml, RecipeStage.GENERATION);
            Map<RecipeStage, List<String>> afterPrompts = runner.plan(recipe);
            assertEquals(List.of(), afterPrompts.get(RecipeStage.PROMPTS));
            assertEquals(
                    List.of("run 'example-run': up to 24 candidates to generate"),
                    afterPrompts.get(RecipeStage.GENERATION));

            // Interrupted before scoring: the run is complete, its 24 candidates unscored.
            walkUntil(runner, recipe, yaml, RecipeStage.SCORING);
            Map<RecipeStage, List<String>> afterGeneration = runner.plan(recipe);
            assertEquals(List.of(), afterGeneration.get(RecipeStage.GENERATION));
            assertEquals(
                    List.of(
                            "words: 24 candidates of run 'example-run' to score",
                            "mtld: 24 candidates of run 'example-run' to score"),
                    afterGeneration.get(RecipeStage.SCORING));

            // Interrupted before the selections: the earlier stages plan nothing.
            walkUntil(runner, recipe, yaml, RecipeStage.SELECTIONS);
            Map<RecipeStage, List<String>> afterScoring = runner.plan(recipe);
            assertEquals(List.of(), afterScoring.get(RecipeStage.SCORING));
            assertEquals(
                    List.of(
                            "selection 'longest' (max:words)",
                            "selection 'diverse-not-short' (filter:words>=20,max:mtld)",
                            "selection 'random-baseline' (random)"),
                    afterScoring.get(RecipeStage.SELECTIONS));

            // Resumed to the end: every plan is empty.
            List<String> report = runner.run(recipe, yaml, JobContext.none());
            assertTrue(
                    report.get(1).contains("(24 already stored, 0 generated)"), report.toString());
            runner.plan(recipe).forEach((s, plan) -> assertEquals(List.of(), plan, s.label()));

            // A second walk finds everything done and still plans nothing.
            List<String> again = runner.run(recipe, yaml, JobContext.none());
            assertTrue(again.get(0).contains("already imported"), again.toString());
            assertTrue(again.get(3).contains("already made"), again.toString());
            runner.plan(recipe).forEach((s, plan) -> assertEquals(List.of(), plan, s.label()));
            long runId = new RunRepository(p).require("example-run").id();
            assertEquals(24, new CandidateRepository(p).count(runId));

            // An export removed by hand is planned again, and only it.
            Path removed = dir.resolve("out/example-candidates.jsonl").normalize();
            Files.delete(removed);
            assertEquals(
                    List.of("export -> " + removed), runner.plan(recipe).get(RecipeStage.EXPORTS));
        }
    }
}

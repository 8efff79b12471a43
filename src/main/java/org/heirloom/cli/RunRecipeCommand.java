package org.heirloom.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.io.TextInput;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeRunner;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TeacherEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom run PROJECT RECIPE.yaml}: executes an experiment recipe, resumably. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run an experiment recipe (YAML); running it again resumes.",
            "Stages: prompts, generation, scoring, selections, exports, students, profiles,"
                    + " comparisons (format: docs/runs.md)."
        })
final class RunRecipeCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "PROJECT",
            description = "Project file (created if absent).")
    Path project;

    @Parameters(index = "1", paramLabel = "RECIPE", description = "Recipe YAML file.")
    Path recipeFile;

    @Override
    public Integer call() throws Exception {
        // Recipes are small: the limit rejects a huge file before any parsing.
        String yaml = TextInput.read(recipeFile, TextInput.CONFIG_LIMIT);
        Path dir = recipeFile.toAbsolutePath().getParent();
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(dir);
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);
        PrintWriter out = spec.commandLine().getOut();
        try (Project p =
                Files.exists(project)
                        ? Project.open(project)
                        : Project.create(project, recipe.name())) {
            // Each stage's line as it completes: a failure later still shows what was done.
            new RecipeRunner(p, env, MetricResolver.standard(), null)
                    .run(
                            recipe,
                            yaml,
                            ConsoleProgress.context(spec.commandLine().getErr()),
                            line -> {
                                out.println(line);
                                out.flush();
                            });
        }
        return 0;
    }
}

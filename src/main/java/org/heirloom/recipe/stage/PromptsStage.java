package org.heirloom.recipe.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.prompt.PromptImporter;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * The prompt set: imported from the recipe's file unless a set of that name exists (which must then
 * have been made from the same input), or an existing set used as is.
 */
public final class PromptsStage implements Stage {

    private final Project project;
    private final TeacherEnvironment env;
    private final Recipe.Prompts prompts;

    public PromptsStage(Project project, TeacherEnvironment env, Recipe.Prompts prompts) {
        this.project = project;
        this.env = env;
        this.prompts = prompts;
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.PROMPTS;
    }

    @Override
    public List<String> plan() {
        if (prompts.importFile() == null
                || new PromptSetRepository(project).find(prompts.set()).isPresent()) {
            return List.of();
        }
        return List.of("import " + prompts.importFile() + " into set '" + prompts.set() + "'");
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        var existing = new PromptSetRepository(project).find(prompts.set());
        if (prompts.importFile() == null) {
            PromptSetSummary s =
                    existing.orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            "prompts.set: no prompt set named '"
                                                    + prompts.set()
                                                    + "' in "
                                                    + project.file()));
            report.accept("prompts: using set '" + s.name() + "' (" + s.prompts() + " prompts)");
            return;
        }
        Path file = env.resolve(prompts.importFile());
        String source = PromptImporter.describeSource(file, prompts.options());
        if (existing.isPresent()) {
            if (!source.equals(existing.get().source())) {
                throw new IllegalArgumentException(
                        "prompts.set: prompt set '"
                                + prompts.set()
                                + "' exists but was made from other input ("
                                + existing.get().source()
                                + "); rename the set or restore the input");
            }
            report.accept(
                    "prompts: set '"
                            + prompts.set()
                            + "' already imported ("
                            + existing.get().prompts()
                            + " prompts)");
            return;
        }
        var r = new PromptImporter(project).importFile(file, prompts.set(), prompts.options());
        report.accept(
                "prompts: imported "
                        + r.stored()
                        + " prompts into '"
                        + prompts.set()
                        + "' ("
                        + r.duplicates()
                        + " duplicates dropped, splits "
                        + r.splits()
                        + ")");
    }
}
